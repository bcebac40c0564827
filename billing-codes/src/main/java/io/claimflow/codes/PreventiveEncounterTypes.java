package io.claimflow.codes;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one list of encounter types that mean a preventive visit (well child visit, general examination, check-up,
 * periodic reevaluation of a healthy individual): the visit itself is the service (99381-99397) and its reason the
 * Z00.- examination. coding-service codes such a visit from its type; ehr-connector publishes one that documents
 * nothing else.
 */
public final class PreventiveEncounterTypes {

    /** SNOMED CT encounter types of a preventive visit. */
    public static final Set<String> SNOMED_CT = Set.of("410620009", "162673000", "185349003", "86013001", "410621008");

    /** Words in an encounter type's text that mean a preventive visit (any code system, or none). */
    private static final List<String> WORDS =
            List.of("well child", "preventive", "annual physical", "wellness exam", "check up", "check-up");

    private PreventiveEncounterTypes() {}

    /** Whether a SNOMED CT concept (or null) is a preventive visit's encounter type. */
    public static boolean snomed(String concept) {
        return concept != null && SNOMED_CT.contains(concept);
    }

    /** Whether an encounter type's text (or null) names a preventive visit. */
    public static boolean text(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return WORDS.stream().anyMatch(lower::contains);
    }
}
