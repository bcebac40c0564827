package io.claimflow.coding.rules;

import java.util.Locale;

/** ICD-10-CM code spelling: the order file omits the decimal point, claims and the tabular list show it. */
public final class IcdCodes {

    private IcdCodes() {}

    /** E119 or e11.9 -> E11.9; I10 stays I10. */
    public static String withDot(String code) {
        String bare = code.trim().toUpperCase(Locale.ROOT).replace(".", "");
        return bare.length() > 3 ? bare.substring(0, 3) + "." + bare.substring(3) : bare;
    }
}
