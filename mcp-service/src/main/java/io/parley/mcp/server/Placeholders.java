package io.parley.mcp.server;

import io.parley.common.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LibreChat's per-person placeholders in a server's url, headers, args and env:
 * {@code {{LIBRECHAT_USER_ID}}}, {@code _EMAIL}, {@code _USERNAME}, {@code _PROVIDER}, {@code _ROLE}
 * and the server's {@code customUserVars} ({@code {{NAME}}}). An unknown or unset one becomes empty,
 * as in LibreChat, so a person's missing value never leaks the placeholder text upstream.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private Placeholders() {
    }

    public static ServerConfig resolve(ServerConfig config, CurrentUser user, Map<String, String> userVars) {
        if (!config.perUser()) {
            return config;
        }
        Map<String, String> values = new LinkedHashMap<>(userVars);
        values.put("LIBRECHAT_USER_ID", nz(user.id()));
        values.put("LIBRECHAT_USER_EMAIL", nz(user.email()));
        values.put("LIBRECHAT_USER_USERNAME", nz(user.username()));
        values.put("LIBRECHAT_USER_PROVIDER", nz(user.provider()));
        values.put("LIBRECHAT_USER_ROLE", nz(user.role()));
        return new ServerConfig(config.type(), apply(config.url(), values), config.command(),
                config.args().stream().map(a -> apply(a, values)).toList(), applyAll(config.env(), values),
                applyAll(config.headers(), values), config.timeout(), config.initTimeout(), config.iconPath(),
                config.title(), config.description(), config.startup(), config.chatMenu(), config.requiresOAuth(),
                config.customUserVars(), config.oauth());
    }

    static String apply(String text, Map<String, String> values) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, String> applyAll(Map<String, String> map, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, apply(v, values)));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
