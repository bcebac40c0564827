package io.claimflow.coding.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.rules.PatientStatus;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorCareTest {

    static final LocalDate DOS = LocalDate.of(2026, 6, 15);
    static final CareProvider DR_A = new CareProvider("1234567893", "1987654328", "207Q00000X");

    static ProfessionalService seen(LocalDate on, CareProvider by, String... codes) {
        return new ProfessionalService(
                "t1", "MRN-1", "enc-" + on, on, by, PatientStatus.NEW, false, List.of(codes), null, null);
    }

    @Test
    void theSamePhysicianWithinThreeYearsMakesThePatientEstablished() {
        assertThat(PriorCare.newOrEstablished(DR_A, DOS, List.of(seen(DOS.minusYears(3), DR_A))))
                .isEqualTo(PatientStatus.ESTABLISHED);
        assertThat(PriorCare.newOrEstablished(
                        DR_A, DOS, List.of(seen(DOS.minusYears(3).minusDays(1), DR_A))))
                .isEqualTo(PatientStatus.NEW);
        assertThat(PriorCare.newOrEstablished(DR_A, DOS, List.of())).isEqualTo(PatientStatus.NEW);
    }

    @Test
    void anotherPhysicianOfTheSameSpecialtyInTheGroupCountsAnotherSpecialtyDoesNot() {
        CareProvider colleague = new CareProvider("1111111112", "1987654328", "207Q00000X");
        CareProvider cardiologist = new CareProvider("2222222220", "1987654328", "207RC0000X");
        CareProvider elsewhere = new CareProvider("3333333338", "1555555556", "207Q00000X");
        CareProvider groupOnly = new CareProvider(null, "1987654328", null);

        assertThat(PriorCare.newOrEstablished(DR_A, DOS, List.of(seen(DOS.minusMonths(4), colleague))))
                .isEqualTo(PatientStatus.ESTABLISHED);
        assertThat(PriorCare.newOrEstablished(DR_A, DOS, List.of(seen(DOS.minusMonths(4), cardiologist))))
                .isEqualTo(PatientStatus.NEW);
        assertThat(PriorCare.newOrEstablished(DR_A, DOS, List.of(seen(DOS.minusMonths(4), elsewhere))))
                .isEqualTo(PatientStatus.NEW);
        // the specialty not reported: the same group is enough
        assertThat(PriorCare.newOrEstablished(DR_A, DOS, List.of(seen(DOS.minusMonths(4), groupOnly))))
                .isEqualTo(PatientStatus.ESTABLISHED);
    }

    @Test
    void aServiceOnTheSameDayOrLaterDoesNotCount() {
        assertThat(PriorCare.newOrEstablished(DR_A, DOS, List.of(seen(DOS, DR_A), seen(DOS.plusDays(3), DR_A))))
                .isEqualTo(PatientStatus.NEW);
    }

    @Test
    void aSurgeryByTheGroupWithinNinetyDaysCoversAPostoperativeVisit() {
        ProfessionalService surgery = seen(DOS.minusDays(90), DR_A, "47562");
        ProfessionalService visit = seen(DOS.minusDays(10), DR_A, "99213");
        ProfessionalService old = seen(DOS.minusDays(91), DR_A, "47562");

        assertThat(PriorCare.surgeryCovering(DR_A, DOS, List.of(surgery, visit)))
                .contains(surgery);
        assertThat(PriorCare.surgeryCovering(DR_A, DOS, List.of(old, visit))).isEmpty();
        assertThat(PriorCare.prior(true, DOS.minusYears(1), PriorCare.surgeryCovering(DR_A, DOS, List.of(surgery)))
                        .surgery())
                .isEqualTo("47562");
    }
}
