package io.claimflow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.RecodeRequested;
import io.claimflow.schemas.Topics;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesTheSevenEventTopicsInFlowOrder() {
        assertThat(Topics.all())
                .containsExactly(
                        "claimflow.encounter.documented.v1",
                        "claimflow.encounter.coded.v1",
                        "claimflow.claim.submitted.v1",
                        "claimflow.claim.billed-to-patient.v1",
                        "claimflow.claim.denied.v1",
                        "claimflow.claim.recode-requested.v1",
                        "claimflow.payment.posted.v1");
        assertThat(Topics.allWithDeadLetters()).hasSize(14).contains("claimflow.claim.denied.v1.dlt");
    }

    @Test
    void deadLetterAndSubjectNamesFollowTheConventions() {
        assertThat(Topics.dlt(Topics.CLAIM_DENIED)).isEqualTo("claimflow.claim.denied.v1.dlt");
        assertThat(Topics.valueSubject(Topics.RECODE_REQUESTED)).isEqualTo("claimflow.claim.recode-requested.v1-value");
        assertThat(Topics.valueSchemasBySubject())
                .containsEntry("claimflow.encounter.documented.v1-value", EncounterDocumented.getClassSchema());
    }

    @Test
    void mapsEachTopicToItsRecordClassAndBack() {
        for (String topic : Topics.all()) {
            Class<?> type = Topics.recordClassOf(topic);
            assertThat(Topics.topicOf(type)).isEqualTo(topic);
            assertThat(Topics.schemaOf(topic).getFullName()).isEqualTo(type.getName());
        }
        assertThat(Topics.recordClassOf(Topics.CLAIM_DENIED)).isEqualTo(ClaimDenied.class);
        assertThat(Topics.topicOf(RecodeRequested.class)).isEqualTo(Topics.RECODE_REQUESTED);
    }

    @Test
    void unknownTopicOrClassIsAnError() {
        assertThatThrownBy(() -> Topics.schemaOf("claimflow.claim.denied.v1.dlt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a ClaimFlow event topic");
        assertThatThrownBy(() -> Topics.topicOf(String.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
