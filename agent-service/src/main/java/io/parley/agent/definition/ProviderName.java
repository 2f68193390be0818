package io.parley.agent.definition;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint an agent may run on: one LibreChat defines itself (openAI, azureOpenAI, anthropic, google,
 * bedrock) or a custom endpoint's name. agent-service cannot see chat-service's endpoint configuration, so
 * any name of the safe shape is taken. A name that matches a built-in only when case is ignored
 * ("openai") is refused as the typo it almost surely is, as are LibreChat's endpoints that are not model
 * providers (assistants, agents, …). Blank is "is required"; null is valid.
 */
@Constraint(validatedBy = ProviderName.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface ProviderName {

    String message() default "unknown provider: use openAI, azureOpenAI, anthropic, google, bedrock or the name of "
            + "a custom endpoint (1 to 100 letters, digits, spaces or _ . ( ) -)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<ProviderName, String> {

        private static final Set<String> BUILT_IN = Set.of("openAI", "azureOpenAI", "anthropic", "google", "bedrock");
        private static final Set<String> NOT_PROVIDERS = Set.of("agents", "assistants", "azureassistants", "gptplugins",
                "chatgptbrowser", "custom");
        private static final Pattern CUSTOM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.()-]{0,99}");

        @Override
        public boolean isValid(@Nullable String name, ConstraintValidatorContext context) {
            if (name == null) {
                return true;
            }
            if (name.isBlank()) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("is required").addConstraintViolation();
                return false;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            boolean caseTypo = !BUILT_IN.contains(name)
                    && BUILT_IN.stream().anyMatch(builtIn -> builtIn.toLowerCase(Locale.ROOT).equals(lower));
            return !caseTypo && !NOT_PROVIDERS.contains(lower) && CUSTOM.matcher(name).matches();
        }
    }
}
