/**
 * The one place tests get their infrastructure: Kafka, a Confluent-compatible schema registry and PostgreSQL,
 * started once per JVM (Testcontainers where Docker answers, embedded otherwise).
 *
 * <pre>{@code
 * @SpringBootTest
 * @ClaimFlowInfrastructure(database = "claimflow_coding")
 * class CodingFlowTest {
 *   @Test
 *   void codesADocumentedEncounter() {
 *     TestTopics.create(Topics.ENCOUNTER_DOCUMENTED);
 *     // ... publish, then:
 *     var coded = Records.awaitRecords(Topics.ENCOUNTER_CODED, 1, Duration.ofSeconds(30), deserializer,
 *         r -> r.key().equals(encounterId));
 *   }
 * }
 * }</pre>
 *
 * <p>Plain (non-Spring) tests call {@link io.claimflow.testsupport.Infrastructure#get()} for addresses.
 * {@link io.claimflow.testsupport.ArchitectureRules} holds the shared ArchUnit rule.
 * {@link io.claimflow.testsupport.EndpointSecurity} checks every REST endpoint of a running service against its
 * {@code @PreAuthorize} roles (401 / 403 / let in, as the demo users); {@link io.claimflow.testsupport.LogCapture}
 * captures everything logged during a test and fails when given strings (patient data) show up.
 * {@link io.claimflow.testsupport.Fuzz} is the seeded fuzzer of the parsers at the doors (random and mutated input,
 * {@code -Dclaimflow.fuzz.iterations}, {@code -Dclaimflow.fuzz.seed}; see docs/security.md).
 */
package io.claimflow.testsupport;
