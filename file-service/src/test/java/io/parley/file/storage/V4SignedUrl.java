package io.parley.file.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A V4 signed Cloud Storage URL read apart and checked as Cloud Storage checks it (its "Signatures"
 * documentation: canonical request, string to sign, RSA-SHA256 of the service account), for servers
 * that do not check signatures themselves, such as the Firebase emulator.
 */
record V4SignedUrl(URI url, Map<String, String> query) {

    static V4SignedUrl of(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new V4SignedUrl(url, query);
    }

    /** A query parameter, decoded. */
    String param(String name) {
        String raw = query.get(name);
        return raw == null ? null : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    /** Whether the URL's signature is {@code signer}'s over a GET of its path, host and every other parameter. */
    boolean signedBy(PublicKey signer) throws GeneralSecurityException {
        String canonicalQuery = query.entrySet().stream().filter(e -> !e.getKey().equals("X-Goog-Signature"))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        String host = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
        String canonicalRequest = String.join("\n", "GET", url.getRawPath(), canonicalQuery, "host:" + host, "", "host",
                "UNSIGNED-PAYLOAD");
        String credential = param("X-Goog-Credential");
        String scope = credential.substring(credential.indexOf('/') + 1);
        String stringToSign = String.join("\n", "GOOG4-RSA-SHA256", param("X-Goog-Date"), scope,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(signer);
        rsa.update(stringToSign.getBytes(StandardCharsets.UTF_8));
        return rsa.verify(HexFormat.of().parseHex(param("X-Goog-Signature")));
    }

    /** The same URL for another object of the bucket, signature unchanged. */
    V4SignedUrl forPath(String otherPath) {
        return new V4SignedUrl(url.resolve(otherPath + "?" + url.getRawQuery()), query);
    }

    @Override
    public String toString() {
        return url + " " + Arrays.toString(query.keySet().toArray());
    }
}
