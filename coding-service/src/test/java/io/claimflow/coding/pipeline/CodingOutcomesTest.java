package io.claimflow.coding.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.rules.CodeSetVersion;
import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.HoldReason;
import io.claimflow.coding.rules.PriorServices;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link CodingOutcomes}: the one place a first coding, a recode and a coder's finalization become the next version
 * or a queue item (the idempotency mark is covered against PostgreSQL by CodingFlowIntegrationTest).
 */
class CodingOutcomesTest {

    static final LocalDate DOS = LocalDate.of(2026, 3, 10);

    final List<String> states = new ArrayList<>();
    final List<CodingVersion> stored = new ArrayList<>();
    static final byte[] DOCUMENTATION = {1, 2, 3};

    final List<byte[]> documentations = new ArrayList<>();
    final List<HeldEncounter> queued = new ArrayList<>();
    final List<LocalDate> releasesAskedFor = new ArrayList<>();

    final Encounters encounters = new Encounters() {
        @Override
        public Optional<EncounterRecord> find(String encounterId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<EncounterRecord> lock(String encounterId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<State> saveDocumentation(IncomingDocumentation documentation, EncounterStatus outcome) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateState(String encounterId, EncounterStatus status, int currentVersion, int recodeAttempts) {
            states.add(encounterId + " " + status + " v" + currentVersion + " attempts " + recodeAttempts);
        }
    };

    final CodingVersions versions = new CodingVersions() {
        @Override
        public void store(CodingVersion version, byte[] documentation) {
            stored.add(version);
            documentations.add(documentation);
        }

        @Override
        public Optional<Coding> find(String encounterId, int version) {
            throw new UnsupportedOperationException();
        }
    };

    final CoderQueue queue = new CoderQueue() {
        @Override
        public void hold(HeldEncounter held) {
            queued.add(held);
        }

        @Override
        public boolean supersede(String encounterId, int codingVersion) {
            states.add(encounterId + " superseded by v" + codingVersion);
            return true;
        }
    };

    final CodeSets codeSets = (CodeSets) Proxy.newProxyInstance(
            CodeSets.class.getClassLoader(), new Class<?>[] {CodeSets.class}, (proxy, method, args) -> {
                if (method.getName().equals("versionsOn")) {
                    releasesAskedFor.add((LocalDate) args[0]);
                    return List.of(new CodeSetVersion("ICD-10-CM", "2026"));
                }
                throw new UnsupportedOperationException(method.getName());
            });

    final CodingOutcomes outcomes = new CodingOutcomes(encounters, versions, queue, codeSets);

    static EncounterRecord encounter(int currentVersion, int recodeAttempts) {
        DocumentedEncounter documented = new DocumentedEncounter(
                "enc-1",
                "riverside-fm",
                DOS,
                LocalDate.of(1961, 7, 22),
                null,
                "11",
                "AMBULATORY",
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                false,
                null,
                null,
                PriorServices.NONE);
        return new EncounterRecord(documented, DOCUMENTATION, EncounterStatus.CODED, currentVersion, recodeAttempts);
    }

    static Coding coding() {
        return new Coding(List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aCodingBecomesTheNextVersionWithTheReleasesOfTheDateOfService() {
        RecodeCause cause = new RecodeCause(
                "clm-1",
                2,
                1,
                new DenialReason("ADJUDICATED", "CODING", null, List.of(), List.of(), List.of(), "CARC 11", List.of()));

        int version = outcomes.coded(encounter(2, 0), "evt-9", coding(), "coder-7", cause, 1);

        assertThat(version).isEqualTo(3);
        assertThat(stored).singleElement().satisfies(v -> {
            assertThat(v.encounterId()).isEqualTo("enc-1");
            assertThat(v.version()).isEqualTo(3);
            assertThat(v.causationId()).isEqualTo("evt-9");
            assertThat(v.coderId()).isEqualTo("coder-7");
            assertThat(v.recodeCause()).isEqualTo(cause);
            assertThat(v.codeSetVersions()).containsExactly(new CodeSetVersion("ICD-10-CM", "2026"));
        });
        assertThat(documentations).containsExactly(DOCUMENTATION);
        assertThat(releasesAskedFor).containsExactly(DOS);
        assertThat(states).containsExactly("enc-1 CODED v3 attempts 1");
    }

    @Test
    void aHeldCodingGoesToTheQueueAndKeepsTheCurrentVersion() {
        HeldEncounter held = new HeldEncounter(
                encounter(0, 0).encounter(),
                HeldEncounter.QueueKind.INITIAL,
                "evt-1",
                List.of(new HoldReason("EM-INPATIENT", "held")),
                coding(),
                null);

        outcomes.held(encounter(4, 1), held, 2);

        assertThat(queued).containsExactly(held);
        assertThat(stored).isEmpty();
        assertThat(states).containsExactly("enc-1 HELD v4 attempts 2");
    }
}
