#!/usr/bin/env bash
# Builds a minimal Java runtime base image as a `docker save` tarball from what this machine has, for
# Jib's `tar://` base when no registry can be reached (Jib pulls registry bases at build time):
#   deploy/images/local-base.sh [OUT.tar]        (default target/images/parley-base.tar)
# Contents, in the spirit of a distroless Java image: a jlink'ed runtime of the JDK running this
# script (JAVA_HOME, release 21 or newer) under /usr/lib/jvm/jre with /usr/bin/java, the C libraries
# it links against, /etc/passwd and /etc/group naming root and nonroot (65532), and /tmp. No shell,
# no package manager. The release base is the registry image in the parent pom (image.base).
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT="${1:-target/images/parley-base.tar}"
: "${JAVA_HOME:?set JAVA_HOME to a JDK of release 21 or newer}"
# What the services and the gateway use of the platform (Spring Boot, Netty, gRPC, Redisson, the
# Mongo driver, JMX for Actuator, JFR for diagnostics).
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,\
jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"
mkdir -p "$ROOTFS/usr/lib/jvm" "$ROOTFS/usr/bin" "$ROOTFS/etc" "$ROOTFS/tmp" "$(dirname "$OUT")"

"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$ROOTFS/usr/lib/jvm/jre"
ln -s ../lib/jvm/jre/bin/java "$ROOTFS/usr/bin/java"

# The shared libraries the runtime links against, copied from this machine (glibc and friends); the
# desktop's X11 and sound libraries are left out, as the services run headless.
find "$ROOTFS/usr/lib/jvm/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name 'libawt_xawt.so' ! -name 'libjsound.so' ! -name 'libsplashscreen.so' ! -name 'libjawt.so' -print0 \
  | xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
      [[ "$lib" == "$ROOTFS"* ]] && continue
      mkdir -p "$ROOTFS$(dirname "$lib")"
      cp -L "$lib" "$ROOTFS$lib"
    done
# ld.so is found through /lib64 on x86-64 Debian.
if [[ -e /lib64/ld-linux-x86-64.so.2 && ! -e "$ROOTFS/lib64/ld-linux-x86-64.so.2" ]]; then
  mkdir -p "$ROOTFS/lib64"; cp -L /lib64/ld-linux-x86-64.so.2 "$ROOTFS/lib64/"
fi

printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$ROOTFS/etc/group"
mkdir -p "$ROOTFS/home/nonroot"
chmod 1777 "$ROOTFS/tmp"

# One layer, owned by root, with fixed times, so the same runtime gives the same layer digest.
IMAGE="$WORK/image"
mkdir -p "$IMAGE"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' \
  -C "$ROOTFS" -cf "$IMAGE/layer.tar" .
DIFF_ID="sha256:$(sha256sum "$IMAGE/layer.tar" | cut -d' ' -f1)"
cat >"$IMAGE/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"2000-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
   "Env":["PATH=/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/usr/lib/jvm/jre","LANG=C.UTF-8"],
   "Labels":{"org.opencontainers.image.description":"Parley local base: jlink runtime of $("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"}},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created":"2000-01-01T00:00:00Z","created_by":"deploy/images/local-base.sh"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["parley/base:local"],"Layers":["layer.tar"]}]' >"$IMAGE/manifest.json"
tar --owner=0 --group=0 --numeric-owner -C "$IMAGE" -cf "$OUT" manifest.json config.json layer.tar
echo "$OUT ($(du -h "$OUT" | cut -f1))"
