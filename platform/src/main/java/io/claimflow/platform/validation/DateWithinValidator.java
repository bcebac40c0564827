package io.claimflow.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/** Checks {@link DateWithin} against today by the application's clock. */
public class DateWithinValidator implements ConstraintValidator<DateWithin, LocalDate> {

    private static final LocalDate EARLIEST = LocalDate.parse(DateWithin.EARLIEST);

    private final ObjectProvider<Clock> clock;
    private int yearsBack;
    private int yearsAhead;

    /** Outside Spring: today in UTC. */
    public DateWithinValidator() {
        this.clock = null;
    }

    /** In a Spring application: today by its {@link Clock} bean, if it has one. */
    @Autowired
    public DateWithinValidator(ObjectProvider<Clock> clock) {
        this.clock = clock;
    }

    @Override
    public void initialize(DateWithin window) {
        this.yearsBack = window.yearsBack();
        this.yearsAhead = window.yearsAhead();
    }

    @Override
    public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
        if (date == null) {
            return true;
        }
        Clock source = clock == null ? null : clock.getIfUnique();
        LocalDate today = LocalDate.now(source == null ? Clock.systemUTC() : source);
        return !date.isBefore(EARLIEST)
                && !date.isBefore(today.minusYears(yearsBack))
                && !date.isAfter(today.plusYears(yearsAhead));
    }
}
