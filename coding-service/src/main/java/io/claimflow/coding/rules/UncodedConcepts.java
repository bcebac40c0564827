package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SNOMED CT concepts the crosswalk marks as never coded on a medical claim: dental services (a dental claim with CDT
 * codes) and concepts documented on purpose without a code of their own (employment status, a medication
 * reconciliation inside the visit).
 */
final class UncodedConcepts {

    private final Crosswalk crosswalk;

    UncodedConcepts(Crosswalk crosswalk) {
        this.crosswalk = crosswalk;
    }

    /** Documented SNOMED CT concepts of dental services, diagnoses and procedures. */
    List<String> dental(DocumentedEncounter encounter) {
        List<Documented> all = new ArrayList<>(encounter.diagnoses());
        all.addAll(encounter.procedures());
        return all.stream()
                .filter(d -> d.system() == CodeSystem.SNOMED_CT && crosswalk.dental(d.code()))
                .map(Documented::code)
                .distinct()
                .toList();
    }

    /**
     * Whether the concept is left uncoded: not reported (an INFO edit says why, nothing is held) or dental (held
     * once for the whole encounter).
     */
    boolean skipped(CodingRun run, String concept) {
        return notReported(run, concept) || crosswalk.dental(concept);
    }

    private boolean notReported(CodingRun run, String concept) {
        Optional<String> why = crosswalk.notReported(concept);
        why.ifPresent(w -> run.note(new Edit(
                EditType.OTHER,
                "SNOMED-NOT-REPORTED",
                Severity.INFO,
                "SNOMED CT " + concept + " is not reported as a code: " + w,
                List.of(),
                List.of(concept),
                "Not coded")));
        return why.isPresent();
    }
}
