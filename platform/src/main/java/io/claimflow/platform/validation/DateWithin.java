package io.claimflow.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A {@link java.time.LocalDate} within a window around today (the application's {@link java.time.Clock}, UTC when
 * there is none): from {@code yearsBack} years before today to {@code yearsAhead} years after it, both inclusive.
 * {@code null} is valid (add {@code @NotNull} where a date is required). The message names the window, never the
 * value. Never before {@link #EARLIEST} either, whatever the window.
 *
 * <pre>
 * &#64;DateWithin(yearsBack = 10, yearsAhead = 0) LocalDate receivedOn   // not in the future, not 10+ years old
 * </pre>
 */
@Documented
@Constraint(validatedBy = DateWithinValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface DateWithin {

    /** The earliest date any ClaimFlow input may carry. */
    String EARLIEST = "1900-01-02";

    /** Years before today still accepted. */
    int yearsBack();

    /** Years after today still accepted; 0: today at the latest. */
    int yearsAhead();

    String message() default "must be a date from {yearsBack} years before today to {yearsAhead} years after it";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
