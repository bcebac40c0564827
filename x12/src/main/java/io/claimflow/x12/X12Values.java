package io.claimflow.x12;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values are spelled in X12 5010: dates CCYYMMDD, amounts as decimals without trailing zeros, text upper case. */
public final class X12Values {

    public static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    public static final DateTimeFormatter ISA_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

    private X12Values() {}

    public static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    /** Parses a CCYYMMDD date; a value that is no such date is an {@link X12FormatException} (the file's fault). */
    public static LocalDate parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (java.time.format.DateTimeParseException e) {
            // found by X12IngestionFuzzTest: an unchecked exception here escaped the gateway's quarantine
            throw new X12FormatException("not a date in CCYYMMDD form (" + value.length() + " characters)");
        }
    }

    /** X12 R (decimal) type: no trailing zeros, no exponent, e.g. 165, 128.74, 0. */
    public static String amount(BigDecimal amount) {
        BigDecimal scaled = amount.setScale(2, RoundingMode.UNNECESSARY);
        return scaled.signum() == 0 ? "0" : scaled.stripTrailingZeros().toPlainString();
    }

    /** Parses an X12 amount to two decimals; rejects more than two decimals (cents only). */
    public static BigDecimal parseAmount(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim()).setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new X12FormatException("not an amount in dollars and cents: '" + value + "'");
        }
    }

    /** Upper case, delimiters and control characters removed, trimmed; null for null or blank. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = value.toUpperCase(Locale.ROOT)
                .replaceAll("[*~:^\\p{Cntrl}]", " ")
                .trim()
                .replaceAll(" {2,}", " ");
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** Left-justified, blank-padded to exactly {@code width} (ISA fixed-length fields). */
    public static String fixed(String value, int width) {
        String v = value == null ? "" : value;
        if (v.length() > width) {
            throw new IllegalArgumentException("'" + v + "' is longer than " + width + " characters");
        }
        return v + " ".repeat(width - v.length());
    }
}
