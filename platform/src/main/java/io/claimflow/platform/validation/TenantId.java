package io.claimflow.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A tenant id as every ClaimFlow service accepts it: 1 to {@value #MAX_LENGTH} characters, letters, digits, '.', '_'
 * and '-', starting with a letter or digit ({@code riverside-fm}). {@code null} is valid (add {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = TenantId.PATTERN)
@ReportAsSingleViolation
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface TenantId {

    /** Longest tenant id. */
    int MAX_LENGTH = 64;

    /** The allowed form. */
    String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    String message() default "must be 1 to 64 letters, digits, '.', '_' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
