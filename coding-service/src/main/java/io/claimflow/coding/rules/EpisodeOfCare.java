package io.claimflow.coding.rules;

/**
 * Episode of care of an injury or other chapter 19 condition: the 7th character of its ICD-10-CM code (guideline
 * I.C.19.a). A fracture not documented as open is coded as closed (I.C.19.c.1) and a subsequent encounter as routine
 * healing, so the same three characters serve fractures too.
 */
public enum EpisodeOfCare {
    INITIAL('A'),
    SUBSEQUENT('D'),
    SEQUELA('S');

    private final char seventh;

    EpisodeOfCare(char seventh) {
        this.seventh = seventh;
    }

    public char seventhCharacter() {
        return seventh;
    }
}
