package io.parley.agent.definition;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A free-form JSON object stored as sent ({@code model_parameters}, {@code tool_options}): JSON values only,
 * no key that is empty, starts with {@code $} or holds a dot (the store would take it for an operator or a
 * path), at most {@value #MAX_DEPTH} levels deep and {@value #MAX_CHARS} characters as JSON. Null is valid.
 */
@Constraint(validatedBy = StorableJson.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface StorableJson {

    int MAX_CHARS = 16_384;
    int MAX_DEPTH = 16;

    String message() default "must be a JSON object";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<StorableJson, Map<String, Object>> {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        public boolean isValid(@Nullable Map<String, Object> value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String wrong = wrongPart(value, 0);
            if (wrong == null && JSON.writeValueAsString(value).length() > MAX_CHARS) {
                wrong = "must be at most " + MAX_CHARS + " characters of JSON";
            }
            if (wrong == null) {
                return true;
            }
            // the message is one of the constants here, never the client's text: templates are interpolated
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(wrong).addConstraintViolation();
            return false;
        }

        private static @Nullable String wrongPart(@Nullable Object value, int depth) {
            if (depth > MAX_DEPTH) {
                return "is nested too deeply";
            }
            return switch (value) {
                case Map<?, ?> map -> {
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        String key = String.valueOf(entry.getKey());
                        if (key.isEmpty() || key.startsWith("$") || key.contains(".")) {
                            yield "contains a key that is empty, starts with $ or holds a dot";
                        }
                        String inner = wrongPart(entry.getValue(), depth + 1);
                        if (inner != null) {
                            yield inner;
                        }
                    }
                    yield null;
                }
                case List<?> list -> list.stream().map(item -> wrongPart(item, depth + 1)).filter(w -> w != null)
                        .findFirst().orElse(null);
                case BigInteger big -> "holds a number too large to store";
                case BigDecimal big -> "holds a number too large to store";
                case Double d when d.isNaN() || d.isInfinite() -> "holds a number that is not finite";
                case null -> null;
                case String text -> null;
                case Number number -> null;
                case Boolean flag -> null;
                default -> "holds a value that is not JSON";
            };
        }
    }
}
