package io.parley.chat.endpoint;

import io.parley.common.edge.EdgeHeaders;
import io.parley.common.security.OptionalCaller;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LibreChat's {@code /api/config}: without a token the fields the sign-in page needs; with one, the
 * rest. The sign-in flags are auth-service's, asked over gRPC.
 */
@RestController
@EnableConfigurationProperties(ConfigController.Interface.class)
class ConfigController {

    /** librechat.yaml's {@code interface} section, as given. */
    @ConfigurationProperties("librechat")
    record Interface(@Name("interface") @DefaultValue Map<String, Object> settings) {
    }

    private static final Map<String, Object> DEFAULT_INTERFACE = defaults();

    private final SignInSettingsClient signInSettings;
    private final OptionalCaller callers;
    private final Map<String, Object> interfaceConfig;
    private final String appTitle;
    private final String serverDomain;
    private final long importMaxFileSize;
    private final boolean publicSharedLinks;

    ConfigController(SignInSettingsClient signInSettings, OptionalCaller callers, Interface configured,
                     @Value("${APP_TITLE:LibreChat}") String appTitle,
                     @Value("${DOMAIN_SERVER:http://localhost:3080}") String serverDomain,
                     @Value("${CONVERSATION_IMPORT_MAX_FILE_SIZE_BYTES:0}") long importMaxFileSize,
                     @Value("${parley.chat.share.public-links:false}") boolean publicSharedLinks) {
        this.signInSettings = signInSettings;
        this.callers = callers;
        Map<String, Object> merged = new LinkedHashMap<>(DEFAULT_INTERFACE);
        configured.settings().forEach((key, value) -> merged.put(key, YamlValues.typed(value)));
        this.interfaceConfig = merged;
        this.appTitle = appTitle;
        this.serverDomain = serverDomain;
        this.importMaxFileSize = importMaxFileSize;
        this.publicSharedLinks = publicSharedLinks;
    }

    @GetMapping("/api/config")
    Map<String, Object> config(HttpServletRequest request) {
        GetPublicConfigResponse flags = signInSettings.of(request.getHeader(EdgeHeaders.TENANT));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("appTitle", appTitle);
        out.put("discordLoginEnabled", flags.getDiscordLoginEnabled());
        out.put("facebookLoginEnabled", flags.getFacebookLoginEnabled());
        out.put("githubLoginEnabled", flags.getGithubLoginEnabled());
        out.put("googleLoginEnabled", flags.getGoogleLoginEnabled());
        out.put("appleLoginEnabled", flags.getAppleLoginEnabled());
        out.put("openidLoginEnabled", flags.getOpenidLoginEnabled());
        out.put("openidLabel", flags.getOpenidLabel());
        if (!flags.getOpenidImageUrl().isEmpty()) {
            out.put("openidImageUrl", flags.getOpenidImageUrl());
        }
        out.put("openidAutoRedirect", flags.getOpenidAutoRedirect());
        out.put("samlLoginEnabled", flags.getSamlLoginEnabled());
        if (!flags.getSamlLabel().isEmpty()) {
            out.put("samlLabel", flags.getSamlLabel());
        }
        out.put("serverDomain", serverDomain);
        out.put("emailLoginEnabled", flags.getEmailLoginEnabled());
        out.put("registrationEnabled", flags.getRegistrationEnabled());
        out.put("socialLoginEnabled", flags.getSocialLoginEnabled());
        out.put("emailEnabled", flags.getEmailEnabled());
        out.put("passwordResetEnabled", flags.getPasswordResetEnabled());
        if (flags.getMinPasswordLength() > 0) {
            out.put("minPasswordLength", flags.getMinPasswordLength());
        }
        Map<String, Object> ldap = new LinkedHashMap<>();
        ldap.put("enabled", flags.getLdapEnabled());
        if (flags.getLdapEnabled() && flags.getLdapUsername()) {
            ldap.put("username", true);
        }
        out.put("ldap", ldap);
        out.put("socialLogins", socialLogins(flags));
        if (callers.of(request).isPresent()) {
            out.put("showBirthdayIcon", false);
            out.put("helpAndFaqURL", "https://librechat.ai");
            out.put("sharedLinksEnabled", true);
            out.put("publicSharedLinksEnabled", publicSharedLinks);
            out.put("openidReuseTokens", false);
            out.put("allowAccountDeletion", flags.getAllowAccountDeletion());
            out.put("sharedLinksSnapshotFilesEnabled", true);
            out.put("interface", interfaceConfig);
            out.put("titleGenerationTiming", "immediate");
            out.put("turnstile", Map.of());
            Map<String, Object> balance = new LinkedHashMap<>();
            balance.put("enabled", flags.getBalanceEnabled());
            if (flags.getBalanceEnabled()) {
                balance.put("startBalance", flags.getStartBalance());
                balance.put("autoRefillEnabled", flags.getAutoRefillEnabled());
                balance.put("refillIntervalValue", flags.getRefillIntervalValue());
                balance.put("refillIntervalUnit", flags.getRefillIntervalUnit());
                balance.put("refillAmount", flags.getRefillAmount());
            }
            out.put("balance", balance);
            out.put("sharePointFilePickerEnabled", false);
            out.put("conversationImportMaxFileSize", importMaxFileSize);
        }
        return out;
    }

    private static List<String> socialLogins(GetPublicConfigResponse flags) {
        List<String> out = new ArrayList<>();
        if (flags.getGoogleLoginEnabled()) {
            out.add("google");
        }
        if (flags.getFacebookLoginEnabled()) {
            out.add("facebook");
        }
        if (flags.getOpenidLoginEnabled()) {
            out.add("openid");
        }
        if (flags.getGithubLoginEnabled()) {
            out.add("github");
        }
        if (flags.getDiscordLoginEnabled()) {
            out.add("discord");
        }
        if (flags.getSamlLoginEnabled()) {
            out.add("saml");
        }
        return out;
    }

    /** LibreChat's interface defaults for the features Parley serves. */
    private static Map<String, Object> defaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelSelect", true);
        out.put("parameters", true);
        out.put("presets", true);
        out.put("prompts", true);
        out.put("bookmarks", true);
        out.put("multiConvo", true);
        out.put("temporaryChat", true);
        out.put("sidePanel", true);
        return out;
    }
}
