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
 * An id given by a caller (claim id, encounter id, payer id, MRN, reference): 1 to 100 printable ASCII characters
 * without spaces, quotes, angle brackets or X12/HL7 delimiters. {@code null} is valid (add {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = Identifier.PATTERN)
@ReportAsSingleViolation
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Identifier {

    /** The allowed form. */
    String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/#@+=-]{0,99}";

    String message() default "must be 1 to 100 letters, digits or . _ : / # @ + = -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
