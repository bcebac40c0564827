package io.claimflow.console.web.adapter;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The words for what a deposit (835) page shows: how each 835 claim was matched, each adjustment with its CARC's
 * description (from the one table, through {@link CodeWords}) and amount, and the kind of a provider-level adjustment.
 * Pages call {@code ${@remittanceWords...}}.
 */
@Component("remittanceWords")
public class RemittanceWords {

    private final CodeWords codes;

    RemittanceWords(CodeWords codes) {
        this.codes = codes;
    }

    /** How the gateway matched an 835 claim to its claim ({@code matchedBy}), or who matched it by hand. */
    public String matchedBy(Object matchedBy, Object user) {
        if (matchedBy == null) {
            return "";
        }
        String by = String.valueOf(matchedBy);
        if (by.equals("MANUAL")) {
            return "matched by hand by " + user;
        }
        boolean later = by.endsWith("_LATER");
        String base = later ? by.substring(0, by.length() - "_LATER".length()) : by;
        String words = switch (base) {
            case "CLP01" -> "patient control number";
            case "CLP07" -> "payer claim number";
            case "MEMBER_DATE_OF_SERVICE" -> "member id and date of service";
            default -> base;
        };
        return later ? words + ", once the claim was known" : words;
    }

    /** One CAS adjustment ({@code group}, {@code reasonCode}, {@code amount}) as {@code CO-45: description: 20.00}. */
    public String adjustment(Object adjustment) {
        if (!(adjustment instanceof Map<?, ?> a)) {
            return "";
        }
        String code = a.get("group") + "-" + a.get("reasonCode");
        List<String> words = codes.describe(code);
        return (words.isEmpty() ? code : words.get(0)) + ": " + a.get("amount");
    }

    /** A provider-level adjustment's kind (the gateway's, from its PLB reason code) in words. */
    public String providerAdjustment(Object kind) {
        return switch (String.valueOf(kind)) {
            case "INTEREST" -> "Interest the payer adds";
            case "RECOUPMENT" -> "Recoupment of an earlier overpayment";
            case "FORWARD_BALANCE" -> "Forward balance (taken from a later payment)";
            case "OTHER" -> "Other";
            default -> String.valueOf(kind);
        };
    }
}
