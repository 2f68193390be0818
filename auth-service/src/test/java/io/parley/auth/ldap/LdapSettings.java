package io.parley.auth.ldap;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link LdapProperties} as the service binds them, from a few keys; the rest keep their defaults. */
final class LdapSettings {

    private LdapSettings() {
    }

    /** @param keys key, value, key, value… under {@code parley.auth.sign-in.ldap} */
    static LdapProperties of(String... keys) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keys.length; i += 2) {
            map.put(keys[i], keys[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("", LdapProperties.class);
    }

    /** The test directory searched by its service account, with short timeouts. */
    static LdapProperties directory(String url, String... more) {
        String[] base = {"url", url, "user-search-base", TestDirectory.PEOPLE, "bind-dn", TestDirectory.SERVICE_DN,
                "bind-credentials", TestDirectory.SERVICE_PASSWORD, "connect-timeout", "1s", "response-timeout", "1s"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return of(all);
    }
}
