package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitSettingsTest {

    @Test
    void theSettingComesFromTheClassAndThePlaceOfService() {
        assertThat(VisitSettings.setting("AMBULATORY", "11")).isEqualTo(VisitSettings.Setting.OFFICE);
        assertThat(VisitSettings.setting("AMBULATORY", "20")).isEqualTo(VisitSettings.Setting.OFFICE);
        assertThat(VisitSettings.setting("VIRTUAL", "02")).isEqualTo(VisitSettings.Setting.OFFICE);
        assertThat(VisitSettings.setting("EMERGENCY", "23")).isEqualTo(VisitSettings.Setting.EMERGENCY);
        assertThat(VisitSettings.setting("AMBULATORY", "23")).isEqualTo(VisitSettings.Setting.EMERGENCY);
        assertThat(VisitSettings.setting("INPATIENT", "21")).isEqualTo(VisitSettings.Setting.INPATIENT);
        assertThat(VisitSettings.setting("HOME_HEALTH", "12")).isEqualTo(VisitSettings.Setting.OTHER);
    }

    @Test
    void emergencyLevelsFollowMdm() {
        assertThat(List.of(DecisionMaking.values()).stream().map(VisitSettings::emergencyCode))
                .containsExactly("99282", "99283", "99284", "99285");
    }

    @Test
    void theDefaultMdmIsStraightforwardWithoutAProblemAndNeverAboveLow() {
        CodedDiagnosis screening = new CodedDiagnosis("Z30.09", "");
        CodedDiagnosis problem = new CodedDiagnosis("J01.90", "");
        CodedDiagnosis other = new CodedDiagnosis("I10", "");
        CodedDiagnosis third = new CodedDiagnosis("E11.9", "");

        assertThat(VisitSettings.defaultDecisionMaking(List.of())).isEqualTo(DecisionMaking.STRAIGHTFORWARD);
        assertThat(VisitSettings.defaultDecisionMaking(List.of(screening))).isEqualTo(DecisionMaking.STRAIGHTFORWARD);
        assertThat(VisitSettings.defaultDecisionMaking(List.of(screening, problem)))
                .isEqualTo(DecisionMaking.LOW);
        assertThat(VisitSettings.defaultDecisionMaking(List.of(problem, other, third)))
                .isEqualTo(DecisionMaking.LOW);
    }

    @Test
    void aPostoperativeVisitIs99024OnlyInsideAKnownGlobalPeriod() {
        assertThat(VisitSettings.postoperativeVisit(PriorServices.NONE)).isEmpty();
        assertThat(VisitSettings.postoperativeVisit(new PriorServices(false, null, "47562", LocalDate.of(2026, 1, 5))))
                .contains("99024");
    }
}
