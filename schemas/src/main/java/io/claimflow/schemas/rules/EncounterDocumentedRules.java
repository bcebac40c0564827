package io.claimflow.schemas.rules;

import io.claimflow.codes.PreventiveEncounterTypes;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterDocumented;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * What an {@link EncounterDocumented} must satisfy to be coded and billed: the one implementation that the EHRs' door
 * (ehr-connector, before it answers) and the consumer (coding-service, before it stores) both apply, so that what the
 * door accepts never dead-letters later.
 *
 * <ul>
 *   <li>{@link #lacking}: what coding needs (encounter id, patient MRN and birth date, a plausible date of service on
 *       or after the birth date, a birth date neither in the future nor more than 130 years ago, something
 *       documented, the tenant);</li>
 *   <li>{@link #unusableText}: characters that cannot travel on: NUL and unpaired surrogates anywhere (PostgreSQL's
 *       jsonb refuses them), and in every field that may reach an X12 837 (all but the free text of
 *       {@link #FREE_TEXT}) X12's delimiters {@code * ~ : ^} and control characters.</li>
 * </ul>
 * Problems name the field (its Avro path, e.g. {@code patient.address.state}) and what is wrong, never the value.
 */
public final class EncounterDocumentedRules {

    /** Fields of free text that never reach an 837: X12 delimiters and line breaks are fine there. */
    public static final Set<String> FREE_TEXT = Set.of("clinicalNote", "text");

    /** The characters X12 5010 uses as delimiters (element, segment, component, repetition). */
    public static final String X12_DELIMITERS = "*~:^";

    /** The oldest plausible patient, in years: an older birth date is a typing error (1800 for 1980). */
    public static final int MAX_AGE_YEARS = 130;

    /** The longest patient MRN taken (as the platform's {@code @Identifier}: ids of up to 100 characters). */
    public static final int MAX_MRN_LENGTH = 100;

    /** The earliest plausible date of service. */
    private static final int FIRST_YEAR_OF_SERVICE = 1990;

    private EncounterDocumentedRules() {}

    /** One field that holds characters that cannot travel on. */
    public record Violation(String field, String problem) {
        @Override
        public String toString() {
            return field + " " + problem;
        }
    }

    /**
     * What {@code event} lacks for coding, as phrases ("patient (MRN and birth date)", ...); empty when complete.
     *
     * @param today the consumer's or door's today (dates of service up to a day ahead are taken: time zones)
     */
    public static List<String> lacking(EncounterDocumented event, LocalDate today) {
        List<String> missing = new ArrayList<>();
        if (blank(event.getEncounterId())) {
            missing.add("encounterId");
        }
        LocalDate birthDate =
                event.getPatient() == null ? null : event.getPatient().getBirthDate();
        if (event.getPatient() == null || blank(event.getPatient().getMrn()) || birthDate == null) {
            missing.add("patient (MRN and birth date)");
        } else if (birthDate.isAfter(today)) {
            missing.add("a birth date not in the future");
        } else if (birthDate.isBefore(today.minusYears(MAX_AGE_YEARS))) {
            missing.add("a birth date at most " + MAX_AGE_YEARS + " years ago");
        }
        if (event.getPatient() != null
                && event.getPatient().getMrn() != null
                && event.getPatient().getMrn().length() > MAX_MRN_LENGTH) {
            missing.add("a patient MRN of at most " + MAX_MRN_LENGTH + " characters");
        }
        LocalDate dos = event.getDateOfService();
        if (dos == null || dos.isAfter(today.plusDays(1)) || dos.getYear() < FIRST_YEAR_OF_SERVICE) {
            missing.add("a plausible date of service");
        } else if (birthDate != null && dos.isBefore(birthDate)) {
            missing.add("a date of service on or after the birth date");
        }
        if (event.getDiagnoses().isEmpty()
                && event.getProcedures().isEmpty()
                && event.getAdministeredItems().isEmpty()
                && !preventiveVisit(event.getEncounterType())) {
            missing.add("any documented diagnosis, procedure or administered item");
        }
        if (blank(event.getTenantId())) {
            missing.add("tenantId");
        }
        return missing;
    }

    /**
     * A preventive visit (well child visit, check-up: billing-codes' {@link PreventiveEncounterTypes}) is itself the
     * service, its reason the examination: coding-service codes it from its type with nothing else documented.
     */
    private static boolean preventiveVisit(DocumentedCode type) {
        return type != null
                && ((type.getSystem() == CodeSystem.SNOMED_CT && PreventiveEncounterTypes.snomed(type.getCode()))
                        || PreventiveEncounterTypes.text(type.getText()));
    }

    /** Every text field of {@code record} (walked through nested records and arrays) holding what cannot travel. */
    public static List<Violation> unusableText(IndexedRecord record) {
        List<Violation> found = new ArrayList<>();
        walk(record, "", false, found);
        return found;
    }

    /** What is wrong with {@code text} as a value, or null when nothing is. */
    public static String problem(CharSequence text, boolean freeText) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
            if (!freeText && X12_DELIMITERS.indexOf(c) >= 0) {
                return "contains a character X12 reserves as a delimiter (asterisk, tilde, colon or caret)";
            }
            if (!freeText && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                return "contains a control character";
            }
        }
        return null;
    }

    private static void walk(Object value, String path, boolean freeText, List<Violation> found) {
        if (value instanceof CharSequence text) {
            String problem = problem(text, freeText);
            if (problem != null) {
                found.add(new Violation(path, problem));
            }
        } else if (value instanceof IndexedRecord record) {
            for (Schema.Field field : record.getSchema().getFields()) {
                walk(
                        record.get(field.pos()),
                        path.isEmpty() ? field.name() : path + "." + field.name(),
                        FREE_TEXT.contains(field.name()),
                        found);
            }
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), path + "[" + i + "]", freeText, found);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getKey(), path + "{}", freeText, found);
                walk(entry.getValue(), path + "{}", freeText, found);
            }
        }
    }

    private static boolean blank(CharSequence text) {
        return text == null || text.toString().isBlank();
    }
}
