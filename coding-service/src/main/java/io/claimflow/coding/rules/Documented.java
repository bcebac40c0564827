package io.claimflow.coding.rules;

import java.util.Locale;

/** A finding or procedure as the clinician documented it: a code in some system, or only text. */
public record Documented(CodeSystem system, String code, String text) {

    public Documented {
        system = system == null ? CodeSystem.NONE : system;
        code = code == null || code.isBlank() ? null : code.trim();
        text = text == null ? "" : text;
        if (code == null && system != CodeSystem.NONE) {
            system = CodeSystem.NONE;
        }
    }

    /** Laterality written in the text: RT, LT, 50 (bilateral) or null. */
    public String laterality() {
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        if (t.contains(" bilateral ") || t.contains(" both ")) {
            return "50";
        }
        boolean left = t.contains(" left ");
        boolean right = t.contains(" right ");
        if (left == right) {
            return null;
        }
        return left ? "LT" : "RT";
    }

    @Override
    public String toString() {
        // no text: it can carry patient detail
        return system + (code == null ? "" : " " + code);
    }
}
