package io.parley.chat.key;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint name a key is saved under, wherever it comes from (the body of a save, a query, a path,
 * a chat turn): not blank, at most {@value UserKeys#MAX_NAME} characters. Each broken rule is its own violation.
 */
@NotBlank(message = "is required")
@Size(max = UserKeys.MAX_NAME, message = "must be at most {max} characters")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface KeyName {

    String message() default "is not an endpoint name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
