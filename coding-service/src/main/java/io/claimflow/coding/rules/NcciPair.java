package io.claimflow.coding.rules;

/**
 * An NCCI procedure-to-procedure edit in effect: column 2 is not paid with column 1 unless the modifier indicator
 * is 1 and a bypass modifier is justified.
 */
public record NcciPair(String column1, String column2, char modifierIndicator) {

    public boolean bypassable() {
        return modifierIndicator == '1';
    }

    public boolean applies() {
        return modifierIndicator != '9';
    }
}
