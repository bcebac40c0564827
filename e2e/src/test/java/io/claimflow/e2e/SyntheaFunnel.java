package io.claimflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What became of a Synthea population's encounters, step by step: from the bundles (what the EHR sent), the door's
 * answers (published, or refused with the reason the answer names) and the services' own databases (coding-service's
 * encounters and coder queue, claim-service's claims, scrubber findings and status history). Pure: the test reads
 * the inputs, this counts them.
 */
final class SyntheaFunnel {

    /** Door outcomes that mean the encounter was published (now or before). */
    static final Set<String> PUBLISHED = Set.of("PUBLISHED", "CORRECTION", "ALREADY_PUBLISHED", "SUPERSEDED");
    /** Claim states after the payer answered: paid in whole or in part (or closed after payment). */
    static final Set<String> PAID = Set.of("PAID", "PARTIALLY_PAID", "CLOSED", "CREDIT_BALANCE");
    /** Claim states a settled pipeline must not leave a claim in. */
    static final Set<String> IN_FLIGHT = Set.of("CREATED", "SUBMITTED", "ACKNOWLEDGED");

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ENTRY = Pattern.compile("entry\\[\\d+]");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d{4,}\\b");

    /** The door's answer to one bundle: its HTTP status and body (JSON; null when it was not JSON). */
    record Answer(int status, JsonNode body) {}

    /** One encounter of the EHR's bundles, in the look-back window, with the door's answer to its bundle. */
    record Sent(SyntheaPopulation.Encounter encounter, Answer answer) {}

    /** What the services hold, read after the pipeline settled; every map keyed by the service's encounter id. */
    record Stored(
            Map<String, String> codingStatus,
            Map<String, List<String>> holdReasons,
            Map<String, String> currentClaimStatus,
            Set<String> submitted,
            Map<String, List<String>> scrubFindings,
            Map<String, String> payerReason) {}

    /** What became of one encounter. */
    record Fate(Sent sent, String encounterId, String door, String reason, String coding, String claim) {

        boolean published() {
            return encounterId != null;
        }

        boolean submitted() {
            return claim != null && claim.startsWith("submitted");
        }
    }

    private final List<Fate> fates;
    private final int patientBundles;
    private final Map<String, Integer> answers;
    private final Map<String, Integer> directoryAnswers;
    private final int encountersInBundles;
    private final int publishedOutsideWindow;
    private final LocalDate from;
    private final LocalDate to;
    private final Stored stored;
    private Set<String> dentalConcepts = Set.of();
    private Map<String, Long> deadLetters = Map.of();
    private Map<String, Long> deadLetterReasons = Map.of();

    private SyntheaFunnel(
            List<Fate> fates,
            Stored stored,
            int patientBundles,
            Map<String, Integer> answers,
            Map<String, Integer> directoryAnswers,
            int encountersInBundles,
            int publishedOutsideWindow,
            LocalDate from,
            LocalDate to) {
        this.fates = fates;
        this.stored = stored;
        this.patientBundles = patientBundles;
        this.answers = answers;
        this.directoryAnswers = directoryAnswers;
        this.encountersInBundles = encountersInBundles;
        this.publishedOutsideWindow = publishedOutsideWindow;
        this.from = from;
        this.to = to;
    }

    /**
     * Counts the funnel. {@code inWindow}: the encounters dated in the look-back window with their bundle's answer;
     * {@code published}: the service's encounter id for every Synthea encounter id that reached coding-service.
     */
    static SyntheaFunnel count(
            List<Sent> inWindow,
            Map<String, String> published,
            Stored stored,
            int patientBundles,
            List<Answer> patientAnswers,
            List<Answer> directoryAnswers,
            int encountersInBundles,
            LocalDate from,
            LocalDate to) {
        List<Fate> fates = new ArrayList<>();
        Set<String> windowIds = inWindow.stream().map(s -> s.encounter().id()).collect(Collectors.toSet());
        for (Sent sent : inWindow) {
            String id = sent.encounter().id();
            String encounterId = published.get(id);
            boolean doorPublished =
                    doorOutcome(sent.answer(), id).filter(PUBLISHED::contains).isPresent();
            // published by the door but never in coding-service: lost on the way (a dead letter), not refused
            String reason = encounterId != null || doorPublished
                    ? null
                    : reason(sent.answer(), sent.encounter()).orElse(null);
            String door = encounterId != null
                    ? "published"
                    : doorPublished
                            ? "published by the door, never in coding-service"
                            : reason != null ? "refused" : "not published, no reason in the answer";
            String coding = null;
            String claim = null;
            if (encounterId != null) {
                String status = stored.codingStatus().get(encounterId);
                List<String> holds = stored.holdReasons().getOrDefault(encounterId, List.of());
                coding = status == null
                        ? "not in coding"
                        : "HELD".equals(status) ? (holds.isEmpty() ? "held without a reason" : "held") : "coded";
                String current = stored.currentClaimStatus().get(encounterId);
                if (stored.submitted().contains(encounterId)) {
                    claim = "submitted, " + current;
                } else if (current != null) {
                    claim = "HELD".equals(current)
                                    && !stored.scrubFindings()
                                            .getOrDefault(encounterId, List.of())
                                            .isEmpty()
                            ? "held"
                            : "not submitted, " + current;
                } else {
                    claim = "coded".equals(coding) ? "coded, no claim" : null;
                }
            }
            fates.add(new Fate(sent, encounterId, door, reason, coding, claim));
        }
        int outside = (int) published.keySet().stream()
                .filter(id -> !windowIds.contains(id))
                .count();
        return new SyntheaFunnel(
                fates,
                stored,
                patientBundles,
                tally(patientAnswers),
                tally(directoryAnswers),
                encountersInBundles,
                outside,
                from,
                to);
    }

    /** The dead letters on the broker after the run, by topic (shown in the funnel). */
    /**
     * The SNOMED CT concepts coding-service holds as dental services ({@link SyntheaPopulation#dentalConcepts}): an
     * encounter with one of them is dental, counted on its own line and not in {@link #ambulatory()}.
     */
    SyntheaFunnel dental(Set<String> concepts) {
        this.dentalConcepts = Set.copyOf(concepts);
        return this;
    }

    SyntheaFunnel deadLetters(Map<String, Long> byTopic, Map<String, Long> encounterReasons) {
        this.deadLetters = new TreeMap<>(byTopic);
        this.deadLetters.values().removeIf(n -> n == 0);
        this.deadLetterReasons = new TreeMap<>(encounterReasons);
        return this;
    }

    List<Fate> fates() {
        return fates;
    }

    /** Encounters in the window that were neither published nor refused with a reason the answer names. */
    List<String> silentlyDropped() {
        return fates.stream()
                .filter(f -> !f.published() && f.reason() == null)
                .map(f -> f.sent().encounter().id() + " ("
                        + f.sent().encounter().encounterClass() + ", " + f.door() + ")")
                .toList();
    }

    /**
     * Published encounters in the window that did not end coded with a claim the payer answered, or held with a
     * reason (by the coder queue or the scrubber).
     */
    List<String> unfinished() {
        List<String> unfinished = new ArrayList<>();
        for (Fate fate : fates) {
            if (!fate.published()) {
                continue;
            }
            String id = fate.encounterId();
            boolean ok = "held".equals(fate.coding())
                    || ("coded".equals(fate.coding())
                            && fate.claim() != null
                            && (fate.claim().equals("held")
                                    || (fate.submitted()
                                            && !IN_FLIGHT.contains(
                                                    stored.currentClaimStatus().get(id)))));
            if (!ok) {
                unfinished.add(id + ": coding " + fate.coding() + ", claim " + fate.claim());
            }
        }
        return unfinished;
    }

    /** Ambulatory medical encounters in the window (AMB, not dental). */
    long ambulatory() {
        return fates.stream()
                .filter(f -> f.sent().encounter().ambulatoryMedical(dentalConcepts))
                .count();
    }

    /** Of {@link #ambulatory()}, those that became submitted claims. */
    long ambulatorySubmitted() {
        return fates.stream()
                .filter(f -> f.sent().encounter().ambulatoryMedical(dentalConcepts) && f.submitted())
                .count();
    }

    /** {@link #ambulatorySubmitted()} / {@link #ambulatory()}, 0 when there are none. */
    BigDecimal ambulatoryShare() {
        long all = ambulatory();
        return all == 0
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(ambulatorySubmitted()).divide(BigDecimal.valueOf(all), 4, RoundingMode.HALF_UP);
    }

    /** The funnel as a Markdown table, for the log and the report file. */
    String render() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("patient bundles posted (whole history)", patientBundles, "answers " + answers));
        rows.add(row(
                "directory bundles posted first (organizations, practitioners)",
                directoryAnswers.values().stream().mapToInt(Integer::intValue).sum(),
                "answers " + directoryAnswers));
        rows.add(row("encounters in the bundles", encountersInBundles, ""));
        rows.add(row(
                "encounters in the look-back window " + from + " .. " + to,
                fates.size(),
                "by class " + by(fates, f -> f.sent().encounter().encounterClass())));
        rows.add(row("  of them ambulatory medical (AMB, not dental)", ambulatory(), ""));
        rows.add(row(
                "  of them dental (AMB, held by coding-service as DENTAL-SERVICE)",
                fates.stream()
                        .filter(f -> "AMB".equals(f.sent().encounter().encounterClass())
                                && f.sent().encounter().dental(dentalConcepts))
                        .count(),
                "a dental type or a concept coding-service's overlay marks DENTAL"));
        List<Fate> published = fates.stream().filter(Fate::published).toList();
        rows.add(row(
                "published (reached coding-service)",
                published.size(),
                "by class " + by(published, f -> f.sent().encounter().encounterClass())));
        rows.add(row("  published from outside the window", publishedOutsideWindow, ""));
        List<Fate> refused =
                fates.stream().filter(f -> !f.published() && f.reason() != null).toList();
        rows.add(row("refused at the door", refused.size(), "by reason " + by(refused, Fate::reason)));
        rows.add(row(
                "not published, no reason in the answer (incl. published but never in coding-service)",
                silentlyDropped().size(),
                ""
                        + by(
                                fates.stream()
                                        .filter(f -> !f.published() && f.reason() == null)
                                        .toList(),
                                Fate::door)));
        rows.add(row(
                "dead letters on the broker after the run",
                deadLetters.values().stream().mapToLong(Long::longValue).sum(),
                "by topic " + deadLetters + "; the population's encounters by" + " reason " + deadLetterReasons));
        List<Fate> coded =
                published.stream().filter(f -> "coded".equals(f.coding())).toList();
        rows.add(row(
                "coded automatically",
                coded.size(),
                "by class " + by(coded, f -> f.sent().encounter().encounterClass())));
        List<Fate> held =
                published.stream().filter(f -> !"coded".equals(f.coding())).toList();
        rows.add(row("held for a coder", held.size(), "by reason " + reasons(held, stored.holdReasons())));
        List<Fate> heldClaims =
                published.stream().filter(f -> "held".equals(f.claim())).toList();
        rows.add(row(
                "claims held by the scrubber",
                heldClaims.size(),
                "by finding " + reasons(heldClaims, stored.scrubFindings())));
        List<Fate> noClaim = published.stream()
                .filter(f -> f.claim() != null && !f.submitted() && !"held".equals(f.claim()))
                .toList();
        rows.add(row("coded, claim neither submitted nor held", noClaim.size(), "" + by(noClaim, Fate::claim)));
        List<Fate> submitted = published.stream().filter(Fate::submitted).toList();
        rows.add(row(
                "claims submitted",
                submitted.size(),
                "current status "
                        + by(submitted, f -> stored.currentClaimStatus().get(f.encounterId()))));
        rows.add(row(
                "  paid",
                submitted.stream().filter(f -> PAID.contains(current(f))).count(),
                ""));
        List<Fate> denied =
                submitted.stream().filter(f -> "DENIED".equals(current(f))).toList();
        rows.add(row(
                "  denied",
                denied.size(),
                "" + by(denied, f -> stored.payerReason().getOrDefault(f.encounterId(), "-"))));
        List<Fate> rejected =
                submitted.stream().filter(f -> "REJECTED".equals(current(f))).toList();
        rows.add(row(
                "  rejected (999 / 277CA)",
                rejected.size(),
                "" + by(rejected, f -> stored.payerReason().getOrDefault(f.encounterId(), "-"))));
        rows.add(row(
                "AMB (not dental) in the window that became submitted claims",
                ambulatorySubmitted(),
                "of " + ambulatory() + " = "
                        + ambulatoryShare().movePointRight(2).setScale(1, RoundingMode.HALF_UP) + " %"));
        StringBuilder table = new StringBuilder("| step | count | detail |\n| --- | ---: | --- |\n");
        for (String[] r : rows) {
            table.append("| ")
                    .append(r[0])
                    .append(" | ")
                    .append(r[1])
                    .append(" | ")
                    .append(r[2].replace("|", "/"))
                    .append(" |\n");
        }
        return table.toString();
    }

    private String current(Fate fate) {
        return stored.currentClaimStatus().get(fate.encounterId());
    }

    private static String[] row(String step, long count, String detail) {
        return new String[] {step, String.valueOf(count), detail};
    }

    private static Map<String, Long> by(List<Fate> fates, Function<Fate, String> key) {
        return fates.stream()
                .collect(Collectors.groupingBy(f -> String.valueOf(key.apply(f)), TreeMap::new, Collectors.counting()));
    }

    /** Encounters per reason (an encounter held for two reasons counts under both). */
    private static Map<String, Long> reasons(List<Fate> fates, Map<String, List<String>> reasons) {
        Map<String, Long> counts = new TreeMap<>();
        for (Fate fate : fates) {
            List<String> of = reasons.getOrDefault(fate.encounterId(), List.of());
            if (of.isEmpty()) {
                counts.merge("(no reason)", 1L, Long::sum);
            }
            of.stream().distinct().forEach(r -> counts.merge(r, 1L, Long::sum));
        }
        return counts;
    }

    private static Map<String, Integer> tally(List<Answer> answers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        answers.forEach(a -> counts.merge("HTTP " + a.status(), 1, Integer::sum));
        return counts;
    }

    /** The outcome the answer gives the encounter ({@code "outcome"} next to its {@code "encounterId"}), if any. */
    static Optional<String> doorOutcome(Answer answer, String syntheaId) {
        if (answer.body() == null) {
            return Optional.empty();
        }
        List<JsonNode> objects = new ArrayList<>();
        collect(answer.body(), objects);
        return objects.stream()
                .filter(o -> o.path("encounterId").asText("").contains(syntheaId))
                .map(o -> o.path("outcome").asText(null))
                .filter(o -> o != null)
                .findFirst();
    }

    /**
     * The reason the door's answer gives for not publishing {@code encounter}: an issue (or any object with a
     * diagnostics, message or reason) that names the encounter's id or its entry; else, when the whole bundle was
     * refused (4xx/5xx), its first issue. Ids, entry indexes and long numbers are blanked so that reasons group.
     */
    static Optional<String> reason(Answer answer, SyntheaPopulation.Encounter encounter) {
        if (answer.body() == null) {
            return answer.status() >= 400
                    ? Optional.of("HTTP " + answer.status() + " without a readable answer")
                    : Optional.empty();
        }
        List<JsonNode> objects = new ArrayList<>();
        collect(answer.body(), objects);
        String entry = "entry[" + encounter.entryIndex() + "]";
        // an error naming the encounter first; a warning or information issue only when no error does
        for (boolean errorsOnly : new boolean[] {true, false}) {
            for (JsonNode object : objects) {
                String text = textOf(object);
                String severity = object.path("severity").asText("");
                if (text == null || (errorsOnly && !severity.equals("error") && !severity.equals("fatal"))) {
                    continue;
                }
                String all = object.toString();
                if (all.contains(encounter.id()) || all.contains(entry + ".") || all.contains(entry + "\"")) {
                    return Optional.of(normalise(text));
                }
            }
        }
        if (answer.status() >= 400) {
            return objects.stream()
                    .map(SyntheaFunnel::textOf)
                    .filter(t -> t != null)
                    .findFirst()
                    .map(t -> "bundle refused (HTTP " + answer.status() + "): " + normalise(t))
                    .or(() -> Optional.of("bundle refused (HTTP " + answer.status() + ")"));
        }
        // named (e.g. in a list of refused encounters) without an issue that says why
        for (JsonNode object : objects) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                boolean named = value.isTextual()
                        ? value.asText().contains(encounter.id())
                        : value.isArray()
                                && value.size() > 0
                                && value.get(0).isTextual()
                                && value.toString().contains(encounter.id());
                if (named) {
                    return Optional.of("listed in '" + field.getKey() + "' with no issue naming the encounter");
                }
            }
        }
        return Optional.empty();
    }

    private static String textOf(JsonNode object) {
        for (String field : List.of("diagnostics", "message", "reason", "detail")) {
            JsonNode value = object.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    static String normalise(String text) {
        String s = UUID.matcher(text).replaceAll("<id>");
        s = ENTRY.matcher(s).replaceAll("entry[n]");
        s = NUMBER.matcher(s).replaceAll("<n>");
        return s.length() > 240 ? s.substring(0, 237) + "..." : s;
    }

    private static void collect(JsonNode node, List<JsonNode> objects) {
        if (node.isObject()) {
            objects.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), objects);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, objects));
        }
    }
}
