package io.claimflow.coding.rules;

import java.util.List;

/**
 * What recoding did: a new coding to emit (with what it changed), or the reasons it goes to a coder, in which case
 * {@code suggestion} is where the coder starts from.
 */
public record RecodeOutcome(Coding coding, List<HoldReason> toCoder, Coding suggestion) {

    public static RecodeOutcome recoded(Coding coding) {
        return new RecodeOutcome(coding, List.of(), null);
    }

    public static RecodeOutcome toCoder(Coding suggestion, HoldReason... reasons) {
        return new RecodeOutcome(null, List.of(reasons), suggestion);
    }

    public boolean automatic() {
        return coding != null;
    }
}
