package io.claimflow.coding.rules;

import java.util.Locale;

/** Documented text compared with code descriptions: lower case, words separated by single spaces. */
final class FreeText {

    private FreeText() {}

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }
}
