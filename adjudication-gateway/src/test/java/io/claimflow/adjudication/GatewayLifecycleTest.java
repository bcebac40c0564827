package io.claimflow.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.config.GatewayProperties;
import io.claimflow.adjudication.response.InboundFiles;
import io.claimflow.adjudication.submission.InterchangeSender;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.submission.PayerConnector;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimFrequency;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * A claim's life past the happy path (issue 15), driven step by step (no schedules, no payer): the gateway's own
 * database, so no other test's gateway sends or answers these claims. Payer files are written here from the 5010
 * guides' rules (835 X221A1, 999 X231A1, 277CA X214, TA1 of the ISA/IEA envelope); events are read from the
 * outbox as they would leave.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "claimflow.adjudication.scheduling.enabled=false",
            "spring.kafka.listener.auto-startup=false",
            "spring.kafka.consumer.group-id=adjudication-gateway-lifecycle-test",
            "claimflow.outbox.poll-interval=1h"
        })
@ClaimFlowInfrastructure(database = "claimflow_adjudication_lifecycle")
class GatewayLifecycleTest extends GatewayLifecycleFixture {

    static final String PAYER = "BKHP1";
    private static final AtomicInteger DAY = new AtomicInteger();
    private static final AtomicInteger CONTROL = new AtomicInteger(700_000);

    @Autowired
    Interchanges interchanges;

    @Autowired
    OutboundClaims outboundClaims;

    @Autowired
    GatewayProperties properties;

    RestClient admin;

    @BeforeEach
    void client() {
        admin = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "demo-admin"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    // ---- item 1: a claim released again is sent again ----

    @Test
    void aClaimRejectedByThe277caCorrectedAndReleasedAgainGoesOutInANewInterchange() {
        ClaimSubmitted claim = claim("BHP884120337");
        submit(claim);
        long first = batch();
        accept999(claim);
        assertThat(receive(ack277(claim, false)).status()).isEqualTo("PROCESSED");
        assertThat(status(claim)).isEqualTo("REJECTED");

        // the same event again (redelivered): nothing queued, nothing sent twice
        submit(claim);
        assertThat(status(claim)).isEqualTo("REJECTED");
        long firstSt = st(claim);

        // corrected by a biller and released again: same claim id, a new ClaimSubmitted
        ClaimSubmitted corrected = again(claim);
        corrected.getCoverage().getSubscriber().setMemberId("BHP884120338");
        submit(corrected);
        assertThat(status(claim)).isEqualTo("QUEUED");
        long second = batch();
        assertThat(second).isNotEqualTo(first);
        assertThat(raw(second))
                .contains("CLM*" + claim.getPatientControlNumber() + "*")
                .contains("BHP884120338");
        assertThat(status(claim)).isEqualTo("BATCHED");

        // a late 999 for the first submission changes nothing of the second one
        receive(ack999(gs(first), List.of(firstSt), false));
        assertThat(status(claim)).isEqualTo("BATCHED");
        accept999(claim);
        assertThat(status(claim)).isEqualTo("ACKNOWLEDGED");

        Map<String, Object> history = history(claim);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> submissions = (List<Map<String, Object>>) history.get("submissions");
        assertThat(submissions).hasSize(2);
        assertThat(submissions.get(1).get("previousStatus")).isEqualTo("REJECTED");
        assertThat(((Number) submissions.get(1).get("interchangeId")).longValue())
                .isEqualTo(second);
    }

    @Test
    void aReplacementOfAnAcceptedClaimIsSentWithFrequency7() {
        ClaimSubmitted claim = claim("BHP884120337");
        submit(claim);
        long first = batch();
        accept999(claim);
        receive(ack277(claim, true));
        assertThat(status(claim)).isEqualTo("ACCEPTED");

        ClaimSubmitted replacement = again(claim);
        replacement.setFrequency(ClaimFrequency.REPLACEMENT);
        replacement.setReplacedPayerClaimNumber("PCN-" + claim.getPatientControlNumber());
        submit(replacement);
        long second = batch();
        assertThat(second).isNotEqualTo(first);
        assertThat(raw(second)).contains("CLM*" + claim.getPatientControlNumber() + "*210***11:B:7");
    }

    @Test
    void aClaimReleasedAgainBeforeItsInterchangeWasSentGoesOutOnceInItsNewVersion() {
        ClaimSubmitted claim = claim("BHP884120337");
        ClaimSubmitted other = claim("BHP884120339");
        submit(claim);
        submit(other);
        long first = batch();
        assertThat(status(claim)).isEqualTo("BATCHED");

        // corrected and released again while its interchange still waits to be sent
        ClaimSubmitted corrected = again(claim);
        corrected.getCoverage().getSubscriber().setMemberId("BHP884120338");
        submit(corrected);

        List<String> sent = new ArrayList<>();
        InterchangeSender sender = new InterchangeSender(
                interchanges,
                outboundClaims,
                recordingPayer(sent),
                inbound,
                transactions,
                properties,
                Clock.systemUTC());
        sender.sendDue();
        assembler.assemble(PAYER);
        sender.sendDue();

        String clm = "CLM*" + claim.getPatientControlNumber() + "*";
        List<String> withClaim = sent.stream().filter(x12 -> x12.contains(clm)).toList();
        assertThat(withClaim).as("interchanges that carried the claim").hasSize(1);
        assertThat(withClaim.get(0)).contains("MI*BHP884120338").doesNotContain("MI*BHP884120337");
        assertThat(sent.stream().filter(x12 -> x12.contains("CLM*" + other.getPatientControlNumber() + "*")))
                .as("the other claim of the withdrawn interchange is sent once")
                .hasSize(1);
        assertThat(status(claim)).isEqualTo("ACKNOWLEDGED");
        assertThat(status(other)).isEqualTo("ACKNOWLEDGED");
        assertThat(jdbc.sql("SELECT status FROM interchange WHERE id = ?")
                        .param(first)
                        .query(String.class)
                        .single())
                .isEqualTo("WITHDRAWN");
    }

    /** A payer that records every 837 sent and accepts each of its transaction sets in its 999. */
    static PayerConnector recordingPayer(List<String> sent) {
        return payer(interchange -> {
            String x12 = new String(interchange, StandardCharsets.US_ASCII);
            sent.add(x12);
            long gs06 = 0;
            List<Long> sets = new ArrayList<>();
            for (String segment : x12.split("~\\s*")) {
                String[] e = segment.split("\\*");
                if (e[0].equals("GS")) {
                    gs06 = Long.parseLong(e[6]);
                } else if (e[0].equals("ST")) {
                    sets.add(Long.parseLong(e[2]));
                }
            }
            return ack999(gs06, sets, true).getBytes(StandardCharsets.US_ASCII);
        });
    }

    // ---- item 3: a second payment of a paid claim ----

    @Test
    void aSecondPaymentOfAPaidClaimIsPostedAndFlaggedAsAnOverpayment() {
        ClaimSubmitted claim = acceptedClaim();
        String first = "EFT" + next();
        assertThat(receive(era(first, List.of(paid(claim, claim.getPatientControlNumber(), "1", 1)), List.of()))
                        .status())
                .isEqualTo("PROCESSED");
        String second = "EFT" + next();
        InboundFiles.Received again =
                receive(era(second, List.of(paid(claim, claim.getPatientControlNumber(), "1", 1)), List.of()));

        assertThat(again.status()).isEqualTo("PROCESSED");
        List<PaymentPosted> payments = payments(claim);
        assertThat(payments).hasSize(2);
        assertThat(payments.get(1).getTraceNumber()).isEqualTo(second);
        assertThat(payments.get(1).getPaidAmount()).isEqualByComparingTo("150.00");
        assertThat(payments.get(1).getClaimId()).isEqualTo(claim.getClaimId());
        assertThat(status(claim)).isEqualTo("PAID");
        Map<String, Object> deposit = deposit(second);
        @SuppressWarnings("unchecked")
        Map<String, Object> clp = ((List<Map<String, Object>>) deposit.get("claims")).get(0);
        assertThat(clp.get("outcome")).isEqualTo("OVERPAYMENT");
        assertThat(new java.math.BigDecimal(String.valueOf(clp.get("overpaidAmount"))))
                .isEqualByComparingTo("150");
        assertThat(history(claim).get("events").toString()).contains("OVERPAYMENT");
    }

    @Test
    void aClaimPaidInTwoPartsIsNoOverpayment() {
        ClaimSubmitted claim = acceptedClaim();
        String pcn = claim.getPatientControlNumber();
        receive(era(
                "EFT" + next(),
                List.of(List.of(
                        "CLP*" + pcn + "*1*165*120*25*12*PCN-" + pcn + "*11*1",
                        "SVC*HC:99214*165*120**1",
                        "DTM*472*" + dos(claim),
                        "CAS*CO*45*20",
                        "CAS*PR*3*25",
                        "REF*6R*" + claim.getClaimId() + "-1")),
                List.of()));
        String rest = "EFT" + next();
        receive(era(
                rest,
                List.of(List.of(
                        "CLP*" + pcn + "*1*45*30**12*PCN-" + pcn + "*11*1",
                        "SVC*HC:83036*45*30**1",
                        "DTM*472*" + dos(claim),
                        "CAS*CO*45*15",
                        "REF*6R*" + claim.getClaimId() + "-2")),
                List.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> clp = ((List<Map<String, Object>>) deposit(rest).get("claims")).get(0);
        assertThat(clp.get("outcome")).isEqualTo("PAID");
        assertThat(payments(claim)).hasSize(2);
    }

    // ---- item 4: a reused trace number ----

    @Test
    void aReusedTraceWithOtherContentIsQuarantinedWithWhatDiffers() {
        ClaimSubmitted claim = acceptedClaim();
        ClaimSubmitted other = acceptedClaim();
        String trace = "EFT" + next();
        assertThat(receive(era(trace, List.of(paid(claim, claim.getPatientControlNumber(), "1", 1)), List.of()))
                        .status())
                .isEqualTo("PROCESSED");
        // the same ERA again in a new interchange: a duplicate, as before
        assertThat(receive(era(trace, List.of(paid(claim, claim.getPatientControlNumber(), "1", 1)), List.of()))
                        .status())
                .isEqualTo("DUPLICATE");

        InboundFiles.Received reused = receive(era(
                trace,
                List.of(
                        paid(other, other.getPatientControlNumber(), "1", 1),
                        paid(claim, claim.getPatientControlNumber(), "1", 1)),
                List.of()));

        assertThat(reused.status()).isEqualTo("QUARANTINED");
        assertThat(reused.detail())
                .contains(trace)
                .contains("BPR02 150.00, now 300.00")
                .contains(other.getPatientControlNumber());
        assertThat(payments(other)).isEmpty();
        assertThat(payments(claim)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM quarantined_file WHERE interchange_id = ?")
                        .param(reused.interchangeId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    // ---- item 5: acknowledgments checked against our envelopes ----

    @Test
    void acknowledgmentsForOtherPartnersOrGroupsAreRefusedAndChangeNothing() {
        ClaimSubmitted claim = claim("BHP884120337");
        submit(claim);
        long interchange = batch();
        long gs = gs(interchange);
        long st = st(claim);

        String notOurs = ack999(gs, List.of(st), false).replace(pad("CLAIMFLOW"), pad("OTHERPROV"));
        assertThat(receive(notOurs).detail()).contains("ISA08");
        String otherGroupReceiver =
                ack999(gs, List.of(st), false).replace("*SIMPAYER*CLAIMFLOW*", "*SIMPAYER*OTHERPROV*");
        assertThat(receive(otherGroupReceiver).detail()).contains("GS03");
        String institutional = ack999(gs, List.of(st), false)
                .replace("AK1*HC*" + gs + "*005010X222A1", "AK1*HC*" + gs + "*005010X223A2");
        assertThat(receive(institutional).detail()).contains("005010X223A2");
        String unknownGroup = ack999(987_654_321L, List.of(st), false);
        assertThat(receive(unknownGroup).detail()).contains("987654321");
        String otherPartner = ack999(gs, List.of(st), false).replace(pad("SIMPAYER"), pad("OTHERPAYER"));
        assertThat(receive(otherPartner).detail()).contains("OTHERPAYER");

        for (String file : List.of(notOurs, otherGroupReceiver, institutional, unknownGroup, otherPartner)) {
            assertThat(jdbc.sql("SELECT count(*) FROM interchange WHERE direction = 'IN' AND status = 'QUARANTINED' "
                                    + "AND sha256 = ?")
                            .param(io.claimflow.adjudication.submission.Interchanges.sha256(
                                    file.getBytes(StandardCharsets.US_ASCII)))
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
        assertThat(status(claim)).isEqualTo("BATCHED");
        assertThat(interchangeStatus(interchange)).isEqualTo("QUEUED");
        assertThat(denials(claim)).isEmpty();
    }

    @Test
    void a999RejectingTheWholeGroupRejectsEveryClaimOfIt() {
        ClaimSubmitted one = claim("BHP884120337");
        ClaimSubmitted two = claim("BHP884120337");
        submit(one);
        submit(two);
        long interchange = batch();
        String control = next();
        String file = interchange(
                "SIMPAYER",
                "CLAIMFLOW",
                control,
                group(
                        "FA",
                        "SIMPAYER",
                        "CLAIMFLOW",
                        control,
                        "005010X231A1",
                        "999",
                        List.of("AK1*HC*" + gs(interchange) + "*005010X222A1", "AK9*R*2*2*0*5")));

        assertThat(receive(file).status()).isEqualTo("PROCESSED");

        assertThat(status(one)).isEqualTo("REJECTED");
        assertThat(status(two)).isEqualTo("REJECTED");
        assertThat(interchangeStatus(interchange)).isEqualTo("REJECTED");
        ClaimDenied denied = denials(one).get(0);
        assertThat(denied.getStage()).isEqualTo(io.claimflow.events.DenialStage.FRONT_END_REJECTION);
        assertThat(denied.getSource()).isEqualTo(io.claimflow.events.ResponseTransaction.X12_999);
        assertThat(denied.getRejections().get(0).getDescription()).contains("Number of Included Transaction Sets");
        // corrected and released again: it goes out
        submit(again(one));
        assertThat(batch()).isNotEqualTo(interchange);
    }

    @Test
    void aTa1IsReadAgainstTheInterchangeItAnswers() {
        ClaimSubmitted claim = claim("BHP884120337");
        submit(claim);
        long accepted = batch();
        assertThat(receive(ta1(isa(accepted), "A", "000", "CLAIMFLOW")).status())
                .isEqualTo("PROCESSED");
        assertThat(status(claim)).isEqualTo("BATCHED");
        assertThat(jdbc.sql("SELECT ta1_status FROM interchange WHERE id = ?")
                        .param(accepted)
                        .query(String.class)
                        .single())
                .isEqualTo("A");

        ClaimSubmitted rejected = claim("BHP884120337");
        submit(rejected);
        long refused = batch();
        assertThat(receive(ta1(isa(refused), "R", "024", "OTHERPROV")).status()).isEqualTo("QUARANTINED");
        assertThat(receive(ta1(999_999_998L, "R", "024", "CLAIMFLOW")).status()).isEqualTo("QUARANTINED");
        assertThat(status(rejected)).isEqualTo("BATCHED");

        assertThat(receive(ta1(isa(refused), "R", "024", "CLAIMFLOW")).status()).isEqualTo("PROCESSED");
        assertThat(status(rejected)).isEqualTo("REJECTED");
        assertThat(interchangeStatus(refused)).isEqualTo("REJECTED");
        ClaimDenied denied = denials(rejected).get(0);
        assertThat(denied.getRejections().get(0).getCode()).isEqualTo("TA1:024");
        assertThat(denied.getRejections().get(0).getDescription()).contains("Invalid Interchange Content");
    }

    // ---- item 6: 835 semantics ----

    @Test
    void aReversalMovesTheClaimAndIsNeverPostedTwice() {
        ClaimSubmitted claim = acceptedClaim();
        String pcn = claim.getPatientControlNumber();
        receive(era("EFT" + next(), List.of(paid(claim, pcn, "1", 1)), List.of()));
        receive(era("REV" + next(), List.of(paid(claim, pcn, "22", -1)), List.of()));
        assertThat(status(claim)).isEqualTo("REVERSED");
        List<PaymentPosted> payments = payments(claim);
        assertThat(payments).hasSize(2);
        assertThat(payments.get(1).getClaimStatus()).isEqualTo(io.claimflow.events.ClaimStatus.REVERSAL);
        assertThat(payments.get(1).getPaidAmount()).isEqualByComparingTo("-150.00");

        // the same reversal under another trace: recorded, not posted again
        String repeated = "REV" + next();
        assertThat(receive(era(repeated, List.of(paid(claim, pcn, "22", -1)), List.of()))
                        .status())
                .isEqualTo("PROCESSED");
        assertThat(payments(claim)).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> clp = ((List<Map<String, Object>>) deposit(repeated).get("claims")).get(0);
        assertThat(clp.get("outcome")).isEqualTo("REVERSAL_NOT_POSTED");

        // paid again after the reversal (the corrected payment): a payment, not an overpayment
        String repaid = "EFT" + next();
        receive(era(repaid, List.of(paid(claim, pcn, "1", 1)), List.of()));
        assertThat(status(claim)).isEqualTo("PAID");
        @SuppressWarnings("unchecked")
        Map<String, Object> again = ((List<Map<String, Object>>) deposit(repaid).get("claims")).get(0);
        assertThat(again.get("outcome")).isEqualTo("PAID");
    }

    @Test
    void aReversalOfAReplacedClaimReachesThePaidClaimNotItsReplacement() {
        ClaimSubmitted original = acceptedClaim();
        String pcn = original.getPatientControlNumber();
        receive(era("EFT" + next(), List.of(paid(original, pcn, "1", 1)), List.of()));
        // the replacement: another claim id, the same patient control number, sent since
        ClaimSubmitted replacement = claim("BHP884120337");
        replacement.setPatientControlNumber(pcn);
        replacement.setFrequency(ClaimFrequency.REPLACEMENT);
        replacement.setReplacedPayerClaimNumber("PCN-" + pcn);
        submit(replacement);
        batch();

        receive(era("REV" + next(), List.of(paid(original, pcn, "22", -1)), List.of()));

        assertThat(status(original)).isEqualTo("REVERSED");
        assertThat(payments(original))
                .extracting(p -> p.getClaimStatus().name())
                .containsExactly("PROCESSED_AS_PRIMARY", "REVERSAL");
        assertThat(payments(replacement)).isEmpty();
        assertThat(status(replacement)).isEqualTo("BATCHED");
    }

    @Test
    void forwardedAndPredeterminationClaimsAreNotTakenAsPaid() {
        ClaimSubmitted forwarded = acceptedClaim();
        ClaimSubmitted predetermined = acceptedClaim();
        receive(era(
                "EFT" + next(),
                List.of(
                        List.of(
                                "CLP*" + forwarded.getPatientControlNumber() + "*23*210*0**12*F" + next() + "*11*1",
                                "CAS*OA*109*210"),
                        List.of(
                                "CLP*" + predetermined.getPatientControlNumber() + "*25*210*0**12*P" + next() + "*11*1",
                                "CAS*OA*101*210")),
                List.of()));
        assertThat(status(forwarded)).isEqualTo("FORWARDED");
        assertThat(status(predetermined)).isEqualTo("PREDETERMINED");
        assertThat(payments(forwarded).get(0).getClaimStatus())
                .isEqualTo(io.claimflow.events.ClaimStatus.NOT_OUR_CLAIM_FORWARDED);
        assertThat(payments(predetermined).get(0).getClaimStatus())
                .isEqualTo(io.claimflow.events.ClaimStatus.PREDETERMINATION);
    }

    @Test
    void providerLevelAdjustmentsAreRecordedPerDepositAndReconcile() {
        ClaimSubmitted one = acceptedClaim();
        ClaimSubmitted two = acceptedClaim();
        String trace = "EFT" + next();
        // 150 + 150 claims, + 5.25 interest, - 50 recoupment, - 20 forward balance = 285.25
        InboundFiles.Received result = receive(era(
                trace,
                List.of(
                        paid(one, one.getPatientControlNumber(), "1", 1),
                        paid(two, two.getPatientControlNumber(), "1", 1)),
                List.of(
                        "PLB*1847362914*20261231*L6:INT0401*-5.25*WO:OVERPAY-7*50",
                        "PLB*1847362914*20261231*FB:PRIORBAL*20")));
        assertThat(result.status()).isEqualTo("PROCESSED");

        Map<String, Object> deposit = deposit(trace);
        assertThat(new java.math.BigDecimal(String.valueOf(deposit.get("paymentAmount"))))
                .isEqualByComparingTo("235.25");
        assertThat(new java.math.BigDecimal(String.valueOf(deposit.get("claimPayments"))))
                .isEqualByComparingTo("300");
        assertThat(new java.math.BigDecimal(String.valueOf(deposit.get("providerAdjustmentTotal"))))
                .isEqualByComparingTo("64.75");
        assertThat(deposit.get("reconciled")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> plbs = (List<Map<String, Object>>) deposit.get("providerAdjustments");
        assertThat(plbs)
                .extracting(p -> p.get("reasonCode") + " " + p.get("kind") + " " + p.get("reference"))
                .containsExactly("L6 INTEREST INT0401", "WO RECOUPMENT OVERPAY-7", "FB FORWARD_BALANCE PRIORBAL");
        var biller = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("nobody", "wrong"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        assertThat(biller.get()
                        .uri("/api/adjudication/remittances/{id}", deposit.get("id"))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void decimalUnitsInSvc05AreRead() {
        ClaimSubmitted claim = acceptedClaim();
        String pcn = claim.getPatientControlNumber();
        InboundFiles.Received result = receive(era(
                "EFT" + next(),
                List.of(List.of(
                        "CLP*" + pcn + "*1*210*150*25*12*PCN-" + pcn + "*11*1",
                        "SVC*HC:99214*165*120**1.5",
                        "DTM*472*" + dos(claim),
                        "CAS*CO*45*20",
                        "CAS*PR*3*25",
                        "REF*6R*" + claim.getClaimId() + "-1",
                        "SVC*HC:83036*45*30**0.5",
                        "DTM*472*" + dos(claim),
                        "CAS*CO*45*15",
                        "REF*6R*" + claim.getClaimId() + "-2")),
                List.of()));
        assertThat(result.status()).isEqualTo("PROCESSED");
        assertThat(payments(claim).get(0).getPaidAmount()).isEqualByComparingTo("150.00");
    }

    @Test
    void anUnmatchedClpIsMatchedLaterOrByItsPayerClaimNumberOrMemberAndDate() {
        // 1. the 835 comes before the claim is known: kept unmatched, posted when the claim arrives
        ClaimSubmitted late = claim("BHP884120337");
        String lateTrace = "EFT" + next();
        assertThat(receive(era(lateTrace, List.of(paid(late, late.getPatientControlNumber(), "1", 1)), List.of()))
                        .detail())
                .contains("1 unmatched");
        assertThat(payments(late)).isEmpty();
        submit(late);
        assertThat(payments(late)).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> clp =
                ((List<Map<String, Object>>) deposit(lateTrace).get("claims")).get(0);
        assertThat(clp.get("claimId")).isEqualTo(late.getClaimId());

        // 2. CLP01 garbled by the payer, CLP07 the payer claim number its 277CA gave: matched by CLP07
        ClaimSubmitted byPayerNumber = acceptedClaim();
        receive(era(
                "EFT" + next(),
                List.of(withMember(paid(byPayerNumber, "GARBLED" + next(), "1", 1), "NOSUCHMEMBER")),
                List.of()));
        assertThat(payments(byPayerNumber)).hasSize(1);

        // 3. neither CLP01 nor CLP07 known: the member id and date of service of one claim match it
        ClaimSubmitted byMember = claim("MBR" + next());
        submit(byMember);
        batch();
        List<String> clpLoop = new ArrayList<>(paid(byMember, "GARBLED" + next(), "1", 1));
        clpLoop.set(0, clpLoop.get(0).replace("*PCN-" + byMember.getPatientControlNumber() + "*", "*UNKNOWN1*"));
        receive(era("EFT" + next(), List.of(clpLoop), List.of()));
        assertThat(payments(byMember)).hasSize(1);

        // 4. the 835 comes first with neither CLP01 nor CLP07 of the claim: posted when the claim arrives, matched by
        // its member id and date of service (the intake's look for kept CLPs covers the member id)
        ClaimSubmitted lateByMember = claim("MBR" + next());
        String memberTrace = "EFT" + next();
        List<String> garbled = new ArrayList<>(paid(lateByMember, "GARBLED" + next(), "1", 1));
        garbled.set(
                0,
                garbled.get(0)
                        .replace("*PCN-" + lateByMember.getPatientControlNumber() + "*", "*UNKNOWN" + next() + "*"));
        assertThat(receive(era(memberTrace, List.of(garbled), List.of())).detail())
                .contains("1 unmatched");
        submit(lateByMember);
        assertThat(payments(lateByMember)).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> byMemberLater =
                ((List<Map<String, Object>>) deposit(memberTrace).get("claims")).get(0);
        assertThat(byMemberLater)
                .containsEntry("claimId", lateByMember.getClaimId())
                .containsEntry("matchedBy", "MEMBER_DATE_OF_SERVICE_LATER");
    }

    // ---- helpers: states ----

    /** A claim sent, acknowledged by the 999 and accepted by the 277CA (payer claim number PCN-{pcn}). */
    ClaimSubmitted acceptedClaim() {
        ClaimSubmitted claim = claim("BHP884120337");
        submit(claim);
        batch();
        accept999(claim);
        receive(ack277(claim, true));
        assertThat(status(claim)).isEqualTo("ACCEPTED");
        return claim;
    }

    String interchangeStatus(long id) {
        return jdbc.sql("SELECT status FROM interchange WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    long isa(long interchangeId) {
        return jdbc.sql("SELECT isa_control_number FROM interchange WHERE id = ?")
                .param(interchangeId)
                .query(Long.class)
                .single();
    }

    /** The deposit (ERA) with this trace number, as the remittance REST shows it. */
    Map<String, Object> deposit(String trace) {
        List<Map<String, Object>> found = admin.get()
                .uri("/api/adjudication/remittances?traceNumber={t}", trace)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(found).hasSize(1);
        return admin.get()
                .uri("/api/adjudication/remittances/{id}", found.get(0).get("id"))
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    // ---- issue 20: coordination of benefits ----

    @Test
    void cobPrimaryPaymentNamesTheNextCoverageAsNextPayerAndTheLastPayerNone() {
        ClaimSubmitted withSecondary = claim("BHP884120337");
        withSecondary.setOtherCoverages(List.of(medicaid(io.claimflow.events.PayerResponsibility.SECONDARY)));
        accepted(withSecondary);
        ClaimSubmitted alone = acceptedClaim();

        receive(era(
                "EFT" + next(),
                List.of(paid(withSecondary, withSecondary.getPatientControlNumber(), "1", 1)),
                List.of()));
        receive(era("EFT" + next(), List.of(paid(alone, alone.getPatientControlNumber(), "1", 1)), List.of()));

        PaymentPosted primary = payments(withSecondary).get(0);
        assertThat(primary.getPayer().getPayerId()).isEqualTo(PAYER);
        assertThat(primary.getNextPayer().getPayerId()).isEqualTo(MEDICAID);
        assertThat(primary.getNextPayer().getName()).isEqualTo("Ohio Medicaid");
        assertThat(payments(alone).get(0).getNextPayer()).isNull();
        assertThat(status(withSecondary)).isEqualTo("PAID");
    }

    @Test
    void cobSecondaryClaimsPaymentNamesTheTertiaryAndTheTertiarysNone() {
        ClaimSubmitted secondaryClaim = claim("OH55512345");
        var primary = secondaryClaim.getCoverage();
        secondaryClaim.setCoverage(medicaid(io.claimflow.events.PayerResponsibility.SECONDARY));
        var medigap = medicaid(io.claimflow.events.PayerResponsibility.TERTIARY);
        medigap.getPayer().setPayerId("MGAP1");
        medigap.getPayer().setName("Buckeye Medigap");
        // in payment order on purpose out of order: the gateway orders them by responsibility
        secondaryClaim.setOtherCoverages(List.of(medigap, primary));
        submit(secondaryClaim);
        assembler.assemble(MEDICAID).orElseThrow();
        accept999(secondaryClaim);

        receive(medicaidEra("MCD" + next(), List.of(secondaryPaid(secondaryClaim, "2"))));

        PaymentPosted payment = payments(secondaryClaim).get(0);
        assertThat(payment.getPayer().getPayerId()).isEqualTo(MEDICAID);
        assertThat(payment.getClaimStatus()).isEqualTo(io.claimflow.events.ClaimStatus.PROCESSED_AS_SECONDARY);
        assertThat(payment.getNextPayer().getPayerId()).isEqualTo("MGAP1");
    }

    @Test
    void cobACrossoverKeepsTheClaimOpenForTheSecondPayerWhoseEraPostsOnTheSameClaim() {
        ClaimSubmitted claim = claim("BHP884120337");
        claim.setOtherCoverages(List.of(medicaid(io.claimflow.events.PayerResponsibility.SECONDARY)));
        accepted(claim);
        String pcn = claim.getPatientControlNumber();

        // the primary pays and forwards the claim to Medicaid (CLP02 19, crossover carrier NM1*TT)
        List<String> crossover = new ArrayList<>(paid(claim, pcn, "19", 1));
        crossover.add(2, "NM1*TT*2*OHIO MEDICAID*****PI*" + MEDICAID);
        receive(era("EFT" + next(), List.of(crossover), List.of()));

        PaymentPosted first = payments(claim).get(0);
        assertThat(first.getClaimStatus()).isEqualTo(io.claimflow.events.ClaimStatus.PROCESSED_AS_PRIMARY_FORWARDED);
        assertThat(first.getNextPayer().getPayerId()).isEqualTo(MEDICAID);
        assertThat(first.getNextPayer().getName()).isEqualTo("OHIO MEDICAID");
        assertThat(status(claim)).isEqualTo("CROSSED_OVER");

        // Medicaid's own 835 for the same CLP01: posted on the same claim, not as an overpayment
        String trace = "MCD" + next();
        receive(medicaidEra(trace, List.of(secondaryPaid(claim, "2"))));

        List<PaymentPosted> payments = payments(claim);
        assertThat(payments).hasSize(2);
        PaymentPosted second = payments.get(1);
        assertThat(second.getClaimId()).isEqualTo(claim.getClaimId());
        assertThat(second.getPayer().getPayerId()).isEqualTo(MEDICAID);
        assertThat(second.getClaimStatus()).isEqualTo(io.claimflow.events.ClaimStatus.PROCESSED_AS_SECONDARY);
        assertThat(second.getPaidAmount()).isEqualByComparingTo("25.00");
        assertThat(second.getNextPayer()).isNull();
        assertThat(second.getLines().get(0).getAdjustments())
                .anyMatch(a -> a.getGroupCode() == io.claimflow.events.AdjustmentGroupCode.OA
                        && a.getReasonCode().equals("23")
                        && a.getAmount().compareTo(new java.math.BigDecimal("120.00")) == 0);
        assertThat(status(claim)).isEqualTo("PAID");
        @SuppressWarnings("unchecked")
        Map<String, Object> clp = ((List<Map<String, Object>>) deposit(trace).get("claims")).get(0);
        assertThat(clp.get("outcome")).isEqualTo("PAID");

        // the same payer pays the same claim again under a new trace: today's overpayment handling
        String again = "MCD" + next();
        receive(medicaidEra(again, List.of(secondaryPaid(claim, "2"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> twice = ((List<Map<String, Object>>) deposit(again).get("claims")).get(0);
        assertThat(twice.get("outcome")).isEqualTo("OVERPAYMENT");

        // the secondary takes its payment back: a reversal of the secondary's, the primary's stays posted
        String reversal = "MCDREV" + next();
        receive(medicaidEra(reversal, List.of(negated(secondaryPaid(claim, "22")))));
        PaymentPosted reversed = payments(claim).get(payments(claim).size() - 1);
        assertThat(reversed.getClaimStatus()).isEqualTo(io.claimflow.events.ClaimStatus.REVERSAL);
        assertThat(reversed.getPayer().getPayerId()).isEqualTo(MEDICAID);
    }

    /**
     * The next payer of a crossed-over claim denies it (CLP02 4, CARC 27 coverage terminated): the ClaimDenied names
     * that payer and its claim number, not the billed payer, whose claim number stays the claim's.
     */
    @Test
    void cobTheNextPayersDenialOfACrossedOverClaimNamesThePayerWhoDenied() {
        ClaimSubmitted claim = claim("BHP884120337");
        claim.setOtherCoverages(List.of(medicaid(io.claimflow.events.PayerResponsibility.SECONDARY)));
        accepted(claim);
        String pcn = claim.getPatientControlNumber();
        List<String> crossover = new ArrayList<>(paid(claim, pcn, "19", 1));
        crossover.add(2, "NM1*TT*2*OHIO MEDICAID*****PI*" + MEDICAID);
        receive(era("EFT" + next(), List.of(crossover), List.of()));
        assertThat(denials(claim)).isEmpty();

        receive(medicaidEra("MCD" + next(), List.of(secondaryDenied(claim))));

        ClaimDenied denied = denials(claim).get(0);
        assertThat(denied.getPayer().getPayerId()).isEqualTo(MEDICAID);
        assertThat(denied.getPayer().getName()).isEqualTo("OHIO MEDICAID");
        assertThat(denied.getPayerClaimNumber()).isEqualTo("MCD-" + pcn);
        assertThat(denied.getStage()).isEqualTo(io.claimflow.events.DenialStage.ADJUDICATED);
        assertThat(jdbc.sql("SELECT payer_claim_number FROM outbound_claim WHERE claim_id = ?")
                        .param(claim.getClaimId())
                        .query(String.class)
                        .single())
                .as("the claim keeps its billed payer's claim number")
                .isEqualTo("PCN-" + pcn);

        // the billed payer's own denial still names the billed payer
        ClaimSubmitted alone = acceptedClaim();
        receive(era("EFT" + next(), List.of(deniedByPrimary(alone)), List.of()));
        assertThat(denials(alone)).singleElement().satisfies(d -> {
            assertThat(d.getPayer().getPayerId()).isEqualTo(PAYER);
            assertThat(d.getPayerClaimNumber()).isEqualTo("PCN-" + alone.getPatientControlNumber());
        });
    }

    /**
     * Medicaid's CLP denying the crossed-over claim (CLP02 4): the primary's impact as OA-23 and CO-45, the copay it
     * would have paid denied CO-27 (expenses incurred after coverage terminated). CLP03 210 = CLP04 0 + CAS 210.
     */
    static List<String> secondaryDenied(ClaimSubmitted claim) {
        return List.of(
                "CLP*" + claim.getPatientControlNumber() + "*4*210*0*0*MC*MCD-" + claim.getPatientControlNumber()
                        + "*11*1",
                "NM1*QC*1*WHITFIELD*ELEANOR****MI*OH55512345",
                "SVC*HC:99214*165*0**1",
                "DTM*472*" + dos(claim),
                "CAS*OA*23*120",
                "CAS*CO*45*20",
                "CAS*CO*27*25",
                "REF*6R*" + claim.getClaimId() + "-1",
                "SVC*HC:83036*45*0**1",
                "DTM*472*" + dos(claim),
                "CAS*OA*23*30",
                "CAS*CO*45*15",
                "REF*6R*" + claim.getClaimId() + "-2");
    }

    /** The billed payer denies the whole claim (CLP02 4, CO-27). */
    static List<String> deniedByPrimary(ClaimSubmitted claim) {
        return List.of(
                "CLP*" + claim.getPatientControlNumber() + "*4*210*0*0*12*PCN-" + claim.getPatientControlNumber()
                        + "*11*1",
                "NM1*QC*1*WHITFIELD*ELEANOR****MI*"
                        + claim.getCoverage().getSubscriber().getMemberId(),
                "CAS*CO*27*210");
    }

    static final String MEDICAID = "MCD01";

    void accepted(ClaimSubmitted claim) {
        submit(claim);
        batch();
        accept999(claim);
        receive(ack277(claim, true));
    }

    /** The sample coverage as Ohio Medicaid (MCD01), member OH55512345, claim filing indicator MC. */
    static io.claimflow.events.Coverage medicaid(io.claimflow.events.PayerResponsibility responsibility) {
        io.claimflow.events.Coverage coverage = io.claimflow.events.Coverage.newBuilder(
                        Samples.load(ClaimSubmitted.class).getCoverage())
                .build();
        coverage.setResponsibility(responsibility);
        coverage.setPayer(io.claimflow.events.Payer.newBuilder()
                .setPayerId(MEDICAID)
                .setName("Ohio Medicaid")
                .build());
        coverage.getSubscriber().setMemberId("OH55512345");
        coverage.setClaimFilingIndicator("MC");
        return coverage;
    }

    /**
     * Medicaid's CLP as a secondary after the primary paid 150 (X221A1 section 1.10.2.13, COB): the primary's
     * impact as OA-23, the fee schedule reduction as CO-45; it pays the 25 copay the primary left. CLP03 210 =
     * CLP04 25 + CAS 185; each line balances.
     */
    static List<String> secondaryPaid(ClaimSubmitted claim, String status) {
        return List.of(
                "CLP*" + claim.getPatientControlNumber() + "*" + status + "*210*25*0*MC*MCD-"
                        + claim.getPatientControlNumber() + "*11*1",
                "NM1*QC*1*WHITFIELD*ELEANOR****MI*OH55512345",
                "SVC*HC:99214*165*25**1",
                "DTM*472*" + dos(claim),
                "CAS*OA*23*120",
                "CAS*CO*45*20",
                "REF*6R*" + claim.getClaimId() + "-1",
                "SVC*HC:83036*45*0**1",
                "DTM*472*" + dos(claim),
                "CAS*OA*23*30",
                "CAS*CO*45*15",
                "REF*6R*" + claim.getClaimId() + "-2");
    }

    /** A CLP's amounts negated (a reversal, CLP02 22). */
    static List<String> negated(List<String> clp) {
        return clp.stream()
                .map(s -> {
                    String[] e = s.split("\\*", -1);
                    int[] amounts = switch (e[0]) {
                        case "CLP" -> new int[] {3, 4};
                        case "SVC" -> new int[] {2, 3};
                        case "CAS" -> new int[] {3};
                        default -> new int[0];
                    };
                    for (int i : amounts) {
                        if (!e[i].equals("0")) {
                            e[i] = "-" + e[i];
                        }
                    }
                    return String.join("*", e);
                })
                .toList();
    }

    /** An 835 from Ohio Medicaid (TRN03 1310000002, REF*2U MCD01). */
    static String medicaidEra(String trace, List<List<String>> claims) {
        return era(trace, claims, List.of(), "1310000002", "OHIO MEDICAID", MEDICAID);
    }

    // ---- helpers: claims ----

    /** The sample claim with fresh ids and its own date of service. */
    static ClaimSubmitted claim(String memberId) {
        ClaimSubmitted claim = Samples.load(ClaimSubmitted.class);
        String id = UUID.randomUUID().toString().substring(0, 8);
        claim.setEventId(UUID.randomUUID().toString());
        claim.setEncounterId("enc-" + id);
        claim.setClaimId("clm-" + id);
        claim.setPatientControlNumber("PCN" + id.toUpperCase());
        claim.getCoverage().getSubscriber().setMemberId(memberId);
        LocalDate dos = LocalDate.of(2026, 1, 1).plusDays(DAY.incrementAndGet());
        claim.getLines().forEach(l -> {
            l.getService().setDateOfService(dos);
            l.setLineItemControlNumber(claim.getClaimId() + "-" + l.getService().getLineNumber());
        });
        return claim;
    }

    /** The same claim released again: a new ClaimSubmitted event. */
    static ClaimSubmitted again(ClaimSubmitted claim) {
        ClaimSubmitted copy = ClaimSubmitted.newBuilder(claim).build();
        copy.setEventId(UUID.randomUUID().toString());
        return copy;
    }

    /** Assembles the payer's queued claims into one interchange; returns its id. */
    long batch() {
        return assembler.assemble(PAYER).orElseThrow();
    }

    String raw(long interchangeId) {
        return new String(
                jdbc.sql("SELECT raw FROM interchange WHERE id = ?")
                        .param(interchangeId)
                        .query(byte[].class)
                        .single(),
                StandardCharsets.US_ASCII);
    }

    Map<String, Object> history(ClaimSubmitted claim) {
        return admin.get()
                .uri("/api/adjudication/claims/{id}/x12-history", claim.getClaimId())
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    // ---- helpers: payer files, written from the 5010 guides ----

    static String next() {
        return Integer.toString(CONTROL.incrementAndGet());
    }

    /** ISA ... IEA around one functional group (or none: TA1 only), ISA14 0, test data. */
    static String interchange(String sender, String receiver, String control, List<String> body) {
        String isa13 = String.format("%09d", Long.parseLong(control));
        List<String> segments = new ArrayList<>();
        segments.add("ISA*00*          *00*          *ZZ*" + pad(sender) + "*ZZ*" + pad(receiver)
                + "*260401*1200*^*00501*" + isa13 + "*0*T*:");
        segments.addAll(body);
        long groups = body.stream().filter(s -> s.startsWith("GS*")).count();
        segments.add("IEA*" + groups + "*" + isa13);
        return String.join("~\n", segments) + "~\n";
    }

    /** GS ... GE around one transaction set (ST ... SE, SE01 counted here). */
    static List<String> group(
            String functionalId,
            String sender,
            String receiver,
            String gs06,
            String version,
            String transactionType,
            List<String> transaction) {
        List<String> segments = new ArrayList<>();
        segments.add("GS*" + functionalId + "*" + sender + "*" + receiver + "*20260401*1200*" + gs06 + "*X*" + version);
        segments.add("ST*" + transactionType + "*0001*" + version);
        segments.addAll(transaction);
        segments.add("SE*" + (transaction.size() + 2) + "*0001");
        segments.add("GE*1*" + gs06);
        return segments;
    }

    static String pad(String id) {
        return String.format("%-15s", id);
    }

    /**
     * A 999 (005010X231A1) from the payer for our group {@code gs06}: each named transaction set accepted or
     * rejected (a missing HI segment in loop 2300).
     */
    static String ack999(long gs06, List<Long> transactionSets, boolean accepted) {
        List<String> body = new ArrayList<>();
        body.add("AK1*HC*" + gs06 + "*005010X222A1");
        for (long st : transactionSets) {
            body.add("AK2*837*" + String.format("%04d", st) + "*005010X222A1");
            if (accepted) {
                body.add("IK5*A");
            } else {
                body.add("IK3*HI*14*2300*3");
                body.add("IK5*R*5");
            }
        }
        int n = transactionSets.size();
        body.add(accepted ? "AK9*A*" + n + "*" + n + "*" + n : "AK9*R*" + n + "*" + n + "*0");
        String control = next();
        return interchange(
                "SIMPAYER",
                "CLAIMFLOW",
                control,
                group("FA", "SIMPAYER", "CLAIMFLOW", control, "005010X231A1", "999", body));
    }

    /** A 277CA (005010X214) for one claim: accepted (A1:20) or rejected (A7:21, subscriber not found). */
    static String ack277(ClaimSubmitted claim, boolean accepted) {
        String charge = claim.getTotalCharge().stripTrailingZeros().toPlainString();
        List<String> body = List.of(
                "BHT*0085*08*" + claim.getPatientControlNumber() + "*20260401*1200*TH",
                "HL*1**20*1",
                "NM1*PR*2*BUCKEYE HEALTH PLAN*****PI*" + PAYER,
                "TRN*1*" + next(),
                "DTP*050*D8*20260401",
                "DTP*009*D8*20260401",
                "HL*2*1*21*1",
                "NM1*41*2*CLAIMFLOW BILLING*****46*CLAIMFLOW",
                "TRN*2*" + next(),
                "STC*A1:19:PR*20260401*WQ*" + charge,
                "QTY*" + (accepted ? "90" : "AA") + "*1",
                "AMT*" + (accepted ? "YU" : "YY") + "*" + charge,
                "HL*3*2*19*1",
                "NM1*85*2*RIVERSIDE FAMILY MEDICINE LLC*****XX*1847362914",
                "HL*4*3*PT",
                "NM1*QC*1*WHITFIELD*ELEANOR****MI*"
                        + claim.getCoverage().getSubscriber().getMemberId(),
                "TRN*2*" + claim.getPatientControlNumber(),
                accepted
                        ? "STC*A2:20:PR*20260401*WQ*" + charge
                        : "STC*A7:33:IL*20260401*U*" + charge + "********SUBSCRIBER NOT FOUND",
                accepted ? "REF*1K*PCN-" + claim.getPatientControlNumber() : "REF*D9*" + next(),
                "DTP*472*RD8*" + dos(claim) + "-" + dos(claim));
        String control = next();
        return interchange(
                "SIMPAYER",
                "CLAIMFLOW",
                control,
                group("HN", "SIMPAYER", "CLAIMFLOW", control, "005010X214", "277", body));
    }

    /**
     * A TA1 interchange acknowledgment (ISA14 was 1 on our 837): TA101 our ISA13, TA104 A/E/R, TA105 note code;
     * an interchange with no functional group.
     */
    static String ta1(long isa13, String code, String note, String receiver) {
        return interchange(
                "SIMPAYER",
                receiver,
                next(),
                List.of("TA1*" + String.format("%09d", isa13) + "*260401*1200*" + code + "*" + note));
    }

    /**
     * One claim's CLP loop (005010X221A1) for the sample claim: charge 210, paid 150, copay 25 (99214: 120 paid,
     * CO-45 20, PR-3 25; 83036: 30 paid, CO-45 15); {@code sign} -1 for a reversal (CLP02 22).
     */
    static List<String> paid(ClaimSubmitted claim, String clp01, String status, int sign) {
        String m = sign < 0 ? "-" : "";
        return List.of(
                "CLP*" + clp01 + "*" + status + "*" + m + "210*" + m + "150*" + m + "25*12*PCN-"
                        + claim.getPatientControlNumber() + "*11*1",
                "NM1*QC*1*WHITFIELD*ELEANOR****MI*"
                        + claim.getCoverage().getSubscriber().getMemberId(),
                "SVC*HC:99214*" + m + "165*" + m + "120**1",
                "DTM*472*" + dos(claim),
                "CAS*CO*45*" + m + "20",
                "CAS*PR*3*" + m + "25",
                "REF*6R*" + claim.getClaimId() + "-1",
                "SVC*HC:83036*" + m + "45*" + m + "30**1",
                "DTM*472*" + dos(claim),
                "CAS*CO*45*" + m + "15",
                "REF*6R*" + claim.getClaimId() + "-2");
    }

    /** The CLP loop with another member id in its patient name (NM1*QC). */
    static List<String> withMember(List<String> clp, String memberId) {
        return clp.stream()
                .map(s -> s.startsWith("NM1*QC*") ? s.substring(0, s.lastIndexOf('*') + 1) + memberId : s)
                .toList();
    }

    /**
     * An 835 (005010X221A1) from payer BKHP1 (TRN03 1310000001): BPR02 is the claims' CLP04 less the PLB amounts,
     * as the guide's balancing requires; a debit (BPR03 D) when negative.
     */
    static String era(String trace, List<List<String>> claims, List<String> plbs) {
        return era(trace, claims, plbs, "1310000001", "BUCKEYE HEALTH PLAN", PAYER);
    }

    /** An 835 from the payer named by its TRN03, N1*PR name and REF*2U payer id. */
    static String era(
            String trace, List<List<String>> claims, List<String> plbs, String trn03, String name, String payerId) {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (List<String> clp : claims) {
            total = total.add(new java.math.BigDecimal(clp.get(0).split("\\*")[4]));
        }
        for (String plb : plbs) {
            String[] e = plb.split("\\*");
            for (int i = 4; i < e.length; i += 2) {
                total = total.subtract(new java.math.BigDecimal(e[i]));
            }
        }
        List<String> body = new ArrayList<>(List.of(
                "BPR*I*" + total.abs().toPlainString() + "*" + (total.signum() < 0 ? "D" : "C")
                        + "*ACH*CCP*01*011000015*DA*0001234567*" + trn03 + "**01*021000021*DA*0009876543*20260401",
                "TRN*1*" + trace + "*" + trn03,
                "DTM*405*20260401",
                "N1*PR*" + name,
                "N3*100 PAYER WAY",
                "N4*COLUMBUS*OH*43215",
                "REF*2U*" + payerId,
                "PER*BL*PROVIDER SERVICES*TE*8005550100",
                "N1*PE*RIVERSIDE FAMILY MEDICINE LLC*XX*1847362914",
                "LX*1"));
        claims.forEach(body::addAll);
        body.addAll(plbs);
        String control = next();
        return interchange(
                "SIMPAYER",
                "CLAIMFLOW",
                control,
                group("HP", "SIMPAYER", "CLAIMFLOW", control, "005010X221A1", "835", body));
    }

    static String dos(ClaimSubmitted claim) {
        return claim.getLines().get(0).getService().getDateOfService().format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
