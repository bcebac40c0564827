package io.claimflow.ehr.hl7.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimflow.ehr.PublishedEvents;
import io.claimflow.events.AdministrativeSex;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.Coverage;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterClass;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.NewOrEstablished;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.ProviderEntityType;
import io.claimflow.events.SubscriberRelationship;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DFT^P03 messages over MLLP, sent with HAPI's own MLLP client (an independent implementation of the framing) and
 * with a raw socket for broken input; events read back from the topic and compared with the message field by field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class Hl7MllpIntakeTest {

    static HapiContext client;

    @Autowired
    MllpServer mllp;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void hapiClient() {
        client = new DefaultHapiContext();
        client.setValidationContext(ValidationContextFactory.noValidation());
    }

    @AfterAll
    static void closeClient() throws IOException {
        client.close();
    }

    @Test
    void aDftP03GetsAaAndBecomesOneEncounterDocumented() throws Exception {
        String visit = "V-" + UUID.randomUUID();
        String controlId = "C-" + UUID.randomUUID();

        Terser ack = new Terser(send(message("dft-p03-office-visit.hl7", visit, controlId)));

        assertThat(ack.get("MSA-1")).isEqualTo("AA");
        assertThat(ack.get("MSA-2")).isEqualTo(controlId);
        assertThat(ack.get("MSH-9-1")).isEqualTo("ACK");
        EncounterDocumented event = PublishedEvents.awaitExactly(visit, 1).get(0);
        assertThat(event.getEncounterId()).isEqualTo(visit);
        assertThat(event.getCausationId()).isNull();
        assertThat(event.getTenantId()).isEqualTo("riverside-fm");
        // PID
        assertThat(event.getPatient().getMrn()).isEqualTo("RFM-0048213");
        assertThat(event.getPatient().getLastName()).isEqualTo("Whitfield");
        assertThat(event.getPatient().getFirstName()).isEqualTo("Eleanor");
        assertThat(event.getPatient().getMiddleName()).isEqualTo("J");
        assertThat(event.getPatient().getBirthDate()).isEqualTo(LocalDate.of(1961, 7, 22));
        assertThat(event.getPatient().getSex()).isEqualTo(AdministrativeSex.FEMALE);
        assertThat(event.getPatient().getAddress().getLine1()).isEqualTo("418 Maple Ridge Dr");
        assertThat(event.getPatient().getAddress().getLine2()).isEqualTo("Apt 2B");
        assertThat(event.getPatient().getAddress().getPostalCode()).isEqualTo("432141032");
        // PV1 and the configured billing provider
        assertThat(event.getEncounterClass()).isEqualTo(EncounterClass.AMBULATORY);
        assertThat(event.getPlaceOfService()).isEqualTo("11");
        assertThat(event.getDateOfService()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(event.getProviders().getBilling().getNpi()).isEqualTo("1847362914");
        assertThat(event.getProviders().getBilling().getEntityType()).isEqualTo(ProviderEntityType.ORGANIZATION);
        assertThat(event.getProviders().getBilling().getTaxId()).isEqualTo("311234567");
        assertThat(event.getProviders().getBilling().getAddress().getPostalCode())
                .isEqualTo("432211234");
        assertThat(event.getProviders().getRendering().getNpi()).isEqualTo("1293847566");
        assertThat(event.getProviders().getRendering().getLastOrOrganizationName())
                .isEqualTo("Raman");
        assertThat(event.getProviders().getRendering().getFirstName()).isEqualTo("Priya");
        assertThat(event.getProviders().getReferring().getNpi()).isEqualTo("1093817447");
        // DG1 in DG1-15 priority order (unranked last), the FT1-19 duplicate not repeated
        assertThat(event.getDiagnoses())
                .containsExactly(
                        code(CodeSystem.ICD_10_CM, "I10", "Essential (primary) hypertension"),
                        code(CodeSystem.ICD_10_CM, "E11.9", "Type 2 diabetes mellitus without complications"),
                        code(CodeSystem.ICD_10_CM, "M17.11", "Unilateral primary osteoarthritis, right knee"));
        // FT1-25 (CPT C4, HCPCS) with FT1-26 modifiers and FT1-10 quantities, then PR1 with PR1-16 modifiers
        assertThat(event.getProcedures())
                .containsExactly(
                        code(CodeSystem.CPT, "99214", "Office or other outpatient visit, established patient", "1"),
                        code(CodeSystem.CPT, "83036", "Hemoglobin; glycosylated (A1C)", "1", "QW"),
                        code(CodeSystem.HCPCS, "J3301", "Injection, triamcinolone acetonide, NOS, 10 mg", "4"),
                        code(
                                CodeSystem.CPT,
                                "20610",
                                "Arthrocentesis, aspiration and/or injection, major joint",
                                null,
                                "RT"));
        assertThat(event.getEncounterType())
                .isEqualTo(code(CodeSystem.CPT, "99214", "Office or other outpatient visit, established patient"));
        assertThat(event.getPatientStatus()).isEqualTo(NewOrEstablished.ESTABLISHED);
        // IN1/IN2 in IN1-1 order although the secondary came first in the message
        assertThat(event.getCoverages()).hasSize(2);
        Coverage primary = event.getCoverages().get(0);
        assertThat(primary.getResponsibility()).isEqualTo(PayerResponsibility.PRIMARY);
        assertThat(primary.getPayer().getPayerId()).isEqualTo("BKHP1");
        assertThat(primary.getPayer().getName()).isEqualTo("Buckeye Health Plan");
        assertThat(primary.getGroupNumber()).isEqualTo("GRP20417");
        assertThat(primary.getGroupName()).isEqualTo("Columbus Metro Schools");
        assertThat(primary.getClaimFilingIndicator()).isEqualTo("CI");
        assertThat(primary.getRelationshipToSubscriber()).isEqualTo(SubscriberRelationship.SPOUSE);
        assertThat(primary.getSubscriber().getMemberId()).isEqualTo("BHP884120337");
        assertThat(primary.getSubscriber().getLastName()).isEqualTo("Whitfield");
        assertThat(primary.getSubscriber().getFirstName()).isEqualTo("Robert");
        assertThat(primary.getSubscriber().getMiddleName()).isEqualTo("A");
        assertThat(primary.getSubscriber().getBirthDate()).isEqualTo(LocalDate.of(1959, 1, 14));
        assertThat(primary.getSubscriber().getSex()).isEqualTo(AdministrativeSex.MALE);
        assertThat(primary.getSubscriber().getAddress().getCity()).isEqualTo("Columbus");
        Coverage secondary = event.getCoverages().get(1);
        assertThat(secondary.getResponsibility()).isEqualTo(PayerResponsibility.SECONDARY);
        assertThat(secondary.getPayer().getPayerId()).isEqualTo("OHMCD");
        assertThat(secondary.getRelationshipToSubscriber()).isEqualTo(SubscriberRelationship.SELF);
        assertThat(secondary.getSubscriber().getMemberId()).isEqualTo("OH00918273");
        assertThat(secondary.getSubscriber().getFirstName()).isEqualTo("Eleanor");
        assertThat(secondary.getSubscriber().getAddress()).isNull();
        assertThat(secondary.getClaimFilingIndicator()).isEqualTo("MC");
        assertThat(event.getClinicalNote()).isNull();
    }

    @Test
    void theSameMessageTwicePublishesOnceAndANewMessageForTheVisitIsACorrection() throws Exception {
        String visit = "V-" + UUID.randomUUID();
        String controlId = "C-" + UUID.randomUUID();
        Message message = message("dft-p03-office-visit.hl7", visit, controlId);

        assertThat(new Terser(send(message)).get("MSA-1")).isEqualTo("AA");
        assertThat(new Terser(send(message)).get("MSA-1")).isEqualTo("AA");
        List<EncounterDocumented> once = PublishedEvents.awaitExactly(visit, 1);
        assertThat(once).hasSize(1);

        assertThat(new Terser(send(message("dft-p03-office-visit.hl7", visit, controlId + "-2"))).get("MSA-1"))
                .isEqualTo("AA");

        List<EncounterDocumented> events = PublishedEvents.awaitExactly(visit, 2);
        assertThat(events.get(1).getCausationId()).isEqualTo(once.get(0).getEventId());
        assertThat(events.get(1).getEncounterId()).isEqualTo(visit);
        // audited like the FHIR door: who (channel and sender's address), what (ids only), when; once per event
        assertThat(jdbc.sql("SELECT username || ' ' || action || ' ' || resource_type FROM "
                                + "claimflow_platform.audit_record WHERE resource_id = ? ORDER BY id")
                        .param(visit)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "hl7-mllp@127.0.0.1 encounter.documented encounter",
                        "hl7-mllp@127.0.0.1 encounter.documented encounter");
    }

    @Test
    void aVersion23SenderIsReadIntoTheSameModel() throws Exception {
        String visit = "V-" + UUID.randomUUID();

        assertThat(new Terser(send(message("dft-p03-v23-self-pay.hl7", visit, "C-" + visit))).get("MSA-1"))
                .isEqualTo("AA");

        EncounterDocumented event = PublishedEvents.awaitExactly(visit, 1).get(0);
        assertThat(event.getPatient().getNameSuffix()).isEqualTo("Jr");
        assertThat(event.getCoverages()).isEmpty();
        assertThat(event.getDiagnoses())
                .containsExactly(
                        code(
                                CodeSystem.ICD_10_CM,
                                "Z00.00",
                                "Encounter for general adult medical examination without abnormal findings"),
                        code(CodeSystem.SNOMED_CT, "195967001", "Asthma"));
        assertThat(event.getDateOfService()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(event.getPatientStatus()).isEqualTo(NewOrEstablished.UNKNOWN);
        assertThat(event.getProviders().getRendering().getNpi()).isEqualTo("1679576722");
    }

    @Test
    void aWrongMessageTypeGetsArWithAnErrSegment() throws Exception {
        String visit = "V-" + UUID.randomUUID();
        String controlId = "C-" + UUID.randomUUID();

        Terser ack = new Terser(send(message("adt-a01.hl7", visit, controlId)));

        assertThat(ack.get("MSA-1")).isEqualTo("AR");
        assertThat(ack.get("MSA-2")).isEqualTo(controlId);
        assertThat(ack.get("ERR-3-1")).isEqualTo("200");
        assertThat(ack.get("ERR-4")).isEqualTo("E");
        assertThat(ack.get("ERR-8")).contains("ADT^A01").contains("DFT^P03");
        assertNothingPublished(visit);
    }

    @Test
    void missingPidAndDg1AndAnUnknownCodingSystemGetAeWithOneErrEach() throws Exception {
        String visit = "V-" + UUID.randomUUID();

        String ack = sendRaw(text("dft-p03-no-pid-no-dg1.hl7", visit, "C-" + visit));

        List<String> errs = segments(ack, "ERR");
        assertThat(field(segments(ack, "MSA").get(0), 1)).isEqualTo("AE");
        assertThat(errs).anySatisfy(err -> assertThat(err).startsWith("ERR||PID^1|100^"));
        assertThat(errs).anySatisfy(err -> assertThat(err).startsWith("ERR||DG1^1|100^"));
        assertThat(errs)
                .anySatisfy(err ->
                        assertThat(err).startsWith("ERR||FT1^1^25^^3|103^").contains("coding system LOCAL"));
        assertNothingPublished(visit);
    }

    @Test
    void aTruncatedMessageGetsAeNamingWhatIsMissing() throws Exception {
        String visit = "V-" + UUID.randomUUID();
        String full = text("dft-p03-office-visit.hl7", visit, "C-" + visit);
        String truncated = full.substring(0, full.indexOf("PID|") + 20); // cut inside PID

        String ack = sendRaw(truncated);

        assertThat(field(segments(ack, "MSA").get(0), 1)).isEqualTo("AE");
        assertThat(segments(ack, "ERR"))
                .anySatisfy(err -> assertThat(err).startsWith("ERR||PV1^1|100^"))
                .anySatisfy(err -> assertThat(err).startsWith("ERR||PID^1^7|101^"))
                .anySatisfy(err -> assertThat(err).startsWith("ERR||DG1^1|100^"));
        assertThat(ack).doesNotContain("Whitfield");
        assertNothingPublished(visit);
    }

    @Test
    void notHl7AtAllGetsArAndAFrameCutOffGetsNoAnswerAndPublishesNothing() throws Exception {
        String ack = sendRaw("hello, is this the billing interface?");
        assertThat(field(segments(ack, "MSA").get(0), 1)).isEqualTo("AR");

        String visit = "V-" + UUID.randomUUID();
        try (Socket socket = new Socket("localhost", mllp.port())) {
            String message = text("dft-p03-office-visit.hl7", visit, "C-" + visit);
            socket.getOutputStream().write(0x0B);
            socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8)); // no 0x1C 0x0D
            socket.shutdownOutput();
            assertThat(socket.getInputStream().read()).isEqualTo(-1); // closed without an ACK
        }
        assertNothingPublished(visit);
    }

    @Test
    void whatCodingWouldDeadLetterOrAn837CannotCarryGetsAeAndPublishesNothing() throws Exception {
        String unborn = "V-" + UUID.randomUUID();
        String future = java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(
                LocalDate.now().plusYears(1));
        String ack = sendRaw(text("dft-p03-office-visit.hl7", unborn, "C-" + unborn)
                .replace("||19610722|F|", "||" + future + "|F|"));
        assertThat(field(segments(ack, "MSA").get(0), 1)).isEqualTo("AE");
        assertThat(segments(ack, "ERR")).anyMatch(err -> err.contains("birth date"));
        assertNothingPublished(unborn);

        String delimiters = "V-" + UUID.randomUUID();
        ack = sendRaw(text("dft-p03-office-visit.hl7", delimiters, "C-" + delimiters)
                .replace("^Columbus^OH^43214-1032^", "^Columbus^O*H^43215*N4^"));
        assertThat(field(segments(ack, "MSA").get(0), 1)).isEqualTo("AE");
        assertThat(segments(ack, "ERR"))
                .anyMatch(err -> err.contains("patient.address.state"))
                .anyMatch(err -> err.contains("patient.address.postalCode"))
                .noneMatch(err -> err.contains("O*H") || err.contains("N4"));
        assertNothingPublished(delimiters);

        String nul = "V-" + UUID.randomUUID();
        ack = sendRaw(text("dft-p03-office-visit.hl7", nul, "C-" + nul).replace("|Whitfield^", "|Whit\u0000field^"));
        assertThat(field(segments(ack, "MSA").get(0), 1)).isEqualTo("AE");
        assertNothingPublished(nul);
    }

    @Test
    void twentyFiveIdleConnectionsDoNotStopARealMessageFromBeingAcknowledged() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                idle.add(new Socket("localhost", mllp.port()));
            }
            String visit = "V-" + UUID.randomUUID();
            Message message = message("dft-p03-office-visit.hl7", visit, "C-" + visit);

            java.util.concurrent.CompletableFuture<Message> ack =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return send(message);
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    });

            // well within the idle timeout: the idle connections are still open while the message is answered
            assertThat(new Terser(ack.get(5, java.util.concurrent.TimeUnit.SECONDS)).get("MSA-1"))
                    .isEqualTo("AA");
            assertThat(PublishedEvents.awaitExactly(visit, 1)).hasSize(1);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private Message send(Message message) throws Exception {
        Connection connection = client.newClient("localhost", mllp.port(), false);
        try {
            return connection.getInitiator().sendAndReceive(message);
        } finally {
            connection.close();
        }
    }

    /** Sends one MLLP frame over a plain socket and returns the answer's content, segments split by CR. */
    private String sendRaw(String message) throws IOException {
        try (Socket socket = new Socket("localhost", mllp.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(MllpServer.frame(message.getBytes(StandardCharsets.UTF_8)));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(0x0B);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != 0x1C) {
                assertThat(b).isNotNegative();
                answer.write(b);
            }
            assertThat(in.read()).isEqualTo(0x0D);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static List<String> segments(String message, String name) {
        List<String> found = new ArrayList<>();
        for (String segment : message.split("\r")) {
            if (segment.startsWith(name + "|")) {
                found.add(segment);
            }
        }
        return found;
    }

    private static String field(String segment, int index) {
        return segment.split("\\|", -1)[index];
    }

    private void assertNothingPublished(String visit) {
        assertThat(jdbc.sql("SELECT count(*) FROM published_encounter WHERE encounter_id = ?")
                        .param(visit)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key = ?")
                        .param(visit)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static Message message(String name, String visit, String controlId) throws Exception {
        return client.getPipeParser().parse(text(name, visit, controlId));
    }

    static String text(String name, String visit, String controlId) throws IOException {
        try (InputStream in = Hl7MllpIntakeTest.class.getResourceAsStream("/hl7/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .strip()
                    .replace("VISIT_ID", visit)
                    .replace("CTRL_ID", controlId)
                    .replace('\n', '\r');
        }
    }

    private static DocumentedCode code(CodeSystem system, String code, String text) {
        return DocumentedCode.newBuilder()
                .setSystem(system)
                .setCode(code)
                .setText(text)
                .build();
    }

    private static DocumentedCode code(
            CodeSystem system, String code, String text, String quantity, String... modifiers) {
        return DocumentedCode.newBuilder()
                .setSystem(system)
                .setCode(code)
                .setText(text)
                .setQuantity(quantity == null ? null : new java.math.BigDecimal(quantity).setScale(3))
                .setModifiers(List.of(modifiers))
                .build();
    }
}
