package io.claimflow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.schemas.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event schema must stay BACKWARD compatible with every version ever released (what the registry calls
 * BACKWARD_TRANSITIVE): consumers on the current schema must read everything still on the topics.
 *
 * <p>To release a schema change: make it compatible (new fields optional with a default), then save
 * {@code Topics.schemaOf(topic).toString(true)} as {@code src/main/resources/released/<Event>/v<n+1>.avsc}. A
 * change that cannot be compatible (rename, removal, new required field) is a new topic ({@code ...v2}).
 */
class SchemaCompatibilityTest {

    static Stream<Contracts.Released> releasedVersions() {
        return Contracts.releasedVersions().stream();
    }

    @ParameterizedTest(name = "current schema reads {0}")
    @MethodSource("releasedVersions")
    void currentSchemaReadsEveryReleasedVersion(Contracts.Released released) {
        Schema current = Topics.schemaOf(Topics.topicOf(classOf(released.event())));

        List<String> problems = Contracts.incompatibilities(current, released.schema());

        assertThat(problems)
                .as("current %s cannot read data written with %s (%s)", released.event(), released, released.file())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} is a stand-alone schema of its event")
    @MethodSource("releasedVersions")
    void releasedFileIsTheEventsFullSchema(Contracts.Released released) {
        assertThat(released.schema().getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(released.schema().getFullName()).isEqualTo("io.claimflow.events." + released.event());
    }

    @Test
    void everyEventHasAReleasedFirstVersionAndNoGaps() {
        for (String topic : Topics.all()) {
            String event = Topics.schemaOf(topic).getName();
            List<Integer> versions = Contracts.releasedVersions(event).stream()
                    .map(Contracts.Released::version)
                    .toList();
            assertThat(versions).as("released versions of %s", event).isNotEmpty();
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i))
                        .as("released versions of %s are v1..vN", event)
                        .isEqualTo(i + 1);
            }
        }
    }

    private static Class<?> classOf(String event) {
        return Topics.recordClasses().values().stream()
                .filter(c -> c.getSimpleName().equals(event))
                .findFirst()
                .orElseThrow(() -> new AssertionError("released/" + event + " has no event class"));
    }
}
