package io.claimflow.claim.model;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A billed service line: the coded service and its charge (unit price from the fee schedule on the line's date of
 * service, times units). {@code unitPrice} and {@code charge} are null while the fee schedule has no price.
 */
public record ClaimLine(
        int lineNumber,
        String lineItemControlNumber,
        String procedureCode,
        List<String> modifiers,
        int units,
        List<Integer> diagnosisPointers,
        LocalDate dateOfService,
        String placeOfService,
        BigDecimal unitPrice,
        BigDecimal charge) {

    public ClaimLine {
        modifiers = List.copyOf(modifiers);
        diagnosisPointers = List.copyOf(diagnosisPointers);
    }

    public boolean priced() {
        return charge != null;
    }

    /** The same service and charge under another claim's line item control number (REF*6R). */
    public ClaimLine withControlNumber(String controlNumber) {
        return new ClaimLine(
                lineNumber,
                controlNumber,
                procedureCode,
                modifiers,
                units,
                diagnosisPointers,
                dateOfService,
                placeOfService,
                unitPrice,
                charge);
    }

    /** This line priced at {@code price} per unit (null: no price known). */
    public ClaimLine pricedAt(BigDecimal price) {
        BigDecimal lineCharge = price == null ? null : Money.of(price.multiply(BigDecimal.valueOf(units)));
        return new ClaimLine(
                lineNumber,
                lineItemControlNumber,
                procedureCode,
                modifiers,
                units,
                diagnosisPointers,
                dateOfService,
                placeOfService,
                price == null ? null : Money.of(price),
                lineCharge);
    }

    /**
     * This line with a biller's charge and / or units (null: unchanged). Units alone re-price it at its unit price
     * (an unpriced line stays unpriced); a charge given is the line's charge, its unit price then charge / units.
     */
    public ClaimLine edited(BigDecimal newCharge, Integer newUnits) {
        int u = newUnits == null ? units : newUnits;
        BigDecimal lineCharge;
        BigDecimal price;
        if (newCharge != null) {
            lineCharge = Money.of(newCharge);
            price = lineCharge.divide(BigDecimal.valueOf(u), 2, java.math.RoundingMode.HALF_UP);
        } else {
            price = unitPrice;
            lineCharge = unitPrice == null ? charge : Money.of(unitPrice.multiply(BigDecimal.valueOf(u)));
        }
        return new ClaimLine(
                lineNumber,
                lineItemControlNumber,
                procedureCode,
                modifiers,
                u,
                diagnosisPointers,
                dateOfService,
                placeOfService,
                price,
                lineCharge);
    }
}
