package io.claimflow.patientbilling.account;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A patient balance by age. Claims the patient overpaid and unapplied payments count as credit (a negative
 * amount), not in a bucket; {@code balance} is the buckets plus the credit, which is what the patient owes.
 */
public record Aging(Map<AgingBucket, BigDecimal> buckets, BigDecimal credit, BigDecimal balance) {

    public Aging {
        buckets = Collections.unmodifiableMap(new EnumMap<>(buckets));
    }

    /**
     * Ages the open claims as of {@code asOf}.
     *
     * @param unappliedCredit the account's patient credit, zero or negative
     */
    public static Aging of(List<OpenClaim> claims, BigDecimal unappliedCredit, LocalDate asOf) {
        Map<AgingBucket, BigDecimal> buckets = new EnumMap<>(AgingBucket.class);
        for (AgingBucket bucket : AgingBucket.values()) {
            buckets.put(bucket, Money.ZERO);
        }
        BigDecimal credit = Money.of(unappliedCredit);
        for (OpenClaim claim : claims) {
            if (claim.balance().signum() < 0) {
                credit = credit.add(claim.balance());
            } else if (claim.balance().signum() > 0) {
                long days = ChronoUnit.DAYS.between(claim.responsibleSince(), asOf);
                buckets.merge(AgingBucket.of(days), claim.balance(), BigDecimal::add);
            }
        }
        BigDecimal balance = Money.sum(buckets.values()).add(credit);
        return new Aging(buckets, credit, balance);
    }

    /** Adds two agings (for a report over many accounts). */
    public Aging plus(Aging other) {
        Map<AgingBucket, BigDecimal> sum = new EnumMap<>(buckets);
        other.buckets.forEach((bucket, amount) -> sum.merge(bucket, amount, BigDecimal::add));
        return new Aging(sum, credit.add(other.credit), balance.add(other.balance));
    }

    public static Aging none() {
        return of(List.of(), Money.ZERO, LocalDate.EPOCH);
    }
}
