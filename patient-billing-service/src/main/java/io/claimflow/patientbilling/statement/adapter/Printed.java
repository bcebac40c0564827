package io.claimflow.patientbilling.statement.adapter;

import io.claimflow.patientbilling.account.AgingBucket;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How a statement writes dates, money and labels, the same in every renderer. */
final class Printed {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private Printed() {}

    static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** US dollars to the cent, from the BigDecimal itself (the formatter never goes through double). */
    static String money(BigDecimal amount) {
        BigDecimal cents = amount.setScale(2, RoundingMode.UNNECESSARY);
        return (cents.signum() < 0 ? "-$" : "$") + String.format(Locale.US, "%,.2f", cents.abs());
    }

    static String label(AgingBucket bucket) {
        return switch (bucket) {
            case CURRENT -> "0-30 days";
            case DAYS_31_60 -> "31-60 days";
            case DAYS_61_90 -> "61-90 days";
            case DAYS_91_120 -> "91-120 days";
            case OVER_120 -> "Over 120 days";
        };
    }
}
