package io.claimflow.patientbilling.account;

/** Age of a patient balance in days since the patient became responsible for it. */
public enum AgingBucket {
    CURRENT(0, 30),
    DAYS_31_60(31, 60),
    DAYS_61_90(61, 90),
    DAYS_91_120(91, 120),
    OVER_120(121, Long.MAX_VALUE);

    private final long fromDays;
    private final long toDays;

    AgingBucket(long fromDays, long toDays) {
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    /** The bucket of a balance {@code days} old; a balance dated in the future is current. */
    public static AgingBucket of(long days) {
        for (AgingBucket bucket : values()) {
            if (days <= bucket.toDays) {
                return bucket;
            }
        }
        throw new AssertionError("unreachable");
    }

    public long fromDays() {
        return fromDays;
    }
}
