package io.claimflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void cutsWhatLibrariesQuote() {
        assertThat(Redaction.text("ERROR: duplicate key value violates unique constraint \"member_pkey\"\n"
                        + "  Detail: Key (member_id)=(QZX99017742) already exists."))
                .contains("violates unique constraint \"member_pkey\"")
                .doesNotContain("QZX99017742");
        assertThat(Redaction.text("null value in column \"x\" violates not-null constraint "
                        + "Failing row contains (1, Quackenbush, 1931-04-17)"))
                .doesNotContain("Quackenbush", "1931");
        assertThat(
                        Redaction.text(
                                "Cannot convert from [io.claimflow.events.EncounterDocumented] to "
                                        + "[PlatformTestEvent] for GenericMessage [payload={\"lastName\": \"Quackenbush\"}, headers={}]"))
                .startsWith("Cannot convert from [io.claimflow.events.EncounterDocumented]")
                .doesNotContain("Quackenbush");
        assertThat(Redaction.text("Failed to convert value of type 'java.lang.String' to required type "
                        + "'java.time.LocalDate' for value [Quackenbush]; nested"))
                .doesNotContain("Quackenbush");
        assertThat(Redaction.text("Cannot deserialize value of type `LocalDate` from String \"Quackenbush\""))
                .doesNotContain("Quackenbush");
        assertThat(Redaction.text("Detail: Key (member_id)=(QZX99017742) already exists."))
                .isEqualTo("Detail: [withheld]");
        assertThat(Redaction.text("duplicate Key (member_id, tenant)=(QZX99017742, t1)"))
                .isEqualTo("duplicate Key (member_id, tenant)=[withheld]");
        assertThat(Redaction.text("encounter enc-1 has no coverage")).isEqualTo("encounter enc-1 has no coverage");
    }

    @Test
    void withoutMessagesKeepsClassesAndFramesOfTheWholeChain() {
        IllegalStateException original =
                new IllegalStateException("patient Quackenbush", new IllegalArgumentException("member QZX99017742"));
        Throwable copy = Redaction.withoutMessages(original);

        assertThat(copy.getMessage())
                .startsWith("java.lang.IllegalStateException")
                .doesNotContain("Quackenbush");
        assertThat(copy.getCause().getMessage())
                .startsWith("java.lang.IllegalArgumentException")
                .doesNotContain("QZX");
        assertThat(copy.getStackTrace()).isEqualTo(original.getStackTrace());
    }

    @Test
    void stackTraceForHeadersPrintsOriginalClassesWithRedactedMessages() {
        Exception original = new RuntimeException(
                "wrapper", new IllegalStateException("ERROR: boom\n  Detail: Key (mrn)=(MRNQZ771931) already exists."));
        String trace = Redaction.stackTrace(original);

        assertThat(trace)
                .startsWith("java.lang.RuntimeException: wrapper")
                .contains("Caused by: java.lang.IllegalStateException: ERROR: boom")
                .contains("at io.claimflow.platform.observability.RedactionTest")
                .doesNotContain("MRNQZ771931", "MessageWithheld");
    }
}
