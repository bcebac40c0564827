package io.claimflow.adjudication.submission;

import java.util.ArrayList;
import java.util.List;

/** Interchange (ISA13), group (GS06) and transaction set (ST02) control numbers, each unique and never reused. */
public interface ControlNumbers {

    long nextInterchange();

    long nextGroup();

    long nextTransaction();

    /** {@code count} transaction set control numbers at once (one per claim of a batch). */
    default List<Long> nextTransactions(int count) {
        List<Long> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(nextTransaction());
        }
        return numbers;
    }
}
