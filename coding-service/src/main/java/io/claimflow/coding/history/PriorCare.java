package io.claimflow.coding.history;

import io.claimflow.coding.rules.PatientStatus;
import io.claimflow.coding.rules.PriorServices;
import io.claimflow.coding.rules.ProcedureRanges;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules over the history, free of storage. New or established (CPT E/M guidelines): a patient who received a
 * professional service from the same physician, or another physician of the same specialty in the same group,
 * within the three years before the date of service is ESTABLISHED, else NEW. A surgery (CPT 10004-69990) by the same
 * group within the 90 days before is taken as covering a postoperative visit with its global period (the 90-day
 * period of major surgery; ClaimFlow has no table of global days per code).
 */
public final class PriorCare {

    public static final int LOOK_BACK_YEARS = 3;
    public static final int GLOBAL_DAYS = 90;

    private PriorCare() {}

    public static PatientStatus newOrEstablished(
            CareProvider provider, LocalDate dateOfService, List<ProfessionalService> prior) {
        LocalDate from = dateOfService.minusYears(LOOK_BACK_YEARS);
        boolean seen = prior.stream()
                .anyMatch(s -> s.dateOfService().isBefore(dateOfService)
                        && !s.dateOfService().isBefore(from)
                        && provider.sameOrSameSpecialtyGroup(s.provider()));
        return seen ? PatientStatus.ESTABLISHED : PatientStatus.NEW;
    }

    /** The latest surgery by the same group whose global period covers the date of service. */
    public static Optional<ProfessionalService> surgeryCovering(
            CareProvider provider, LocalDate dateOfService, List<ProfessionalService> prior) {
        LocalDate from = dateOfService.minusDays(GLOBAL_DAYS);
        return prior.stream()
                .filter(s -> s.dateOfService().isBefore(dateOfService)
                        && !s.dateOfService().isBefore(from))
                .filter(s -> provider.groupNpi() != null
                        && provider.groupNpi().equals(s.provider().groupNpi()))
                .filter(s -> s.procedureCodes().stream().anyMatch(ProcedureRanges::surgery))
                .max(Comparator.comparing(ProfessionalService::dateOfService));
    }

    /** What coding needs to know of the history for this encounter. */
    public static PriorServices prior(
            boolean statusFromHistory, LocalDate historySince, Optional<ProfessionalService> surgery) {
        return new PriorServices(
                statusFromHistory,
                historySince,
                surgery.flatMap(s -> s.procedureCodes().stream()
                                .filter(ProcedureRanges::surgery)
                                .findFirst())
                        .orElse(null),
                surgery.map(ProfessionalService::dateOfService).orElse(null));
    }
}
