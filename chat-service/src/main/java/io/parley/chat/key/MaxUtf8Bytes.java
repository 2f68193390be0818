package io.parley.chat.key;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/** Text of at most {@link #value()} bytes in UTF-8, the size it is encrypted and stored at; null is valid. */
@Constraint(validatedBy = MaxUtf8Bytes.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface MaxUtf8Bytes {

    int value();

    String message() default "must be at most {value} bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<MaxUtf8Bytes, String> {

        private int max;

        @Override
        public void initialize(MaxUtf8Bytes constraint) {
            max = constraint.value();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            return text == null || text.getBytes(StandardCharsets.UTF_8).length <= max;
        }
    }
}
