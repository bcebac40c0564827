package io.claimflow.payersimulator.adjudication;

import io.claimflow.payersimulator.config.SimulatorProperties;
import io.claimflow.x12.Segment;
import io.claimflow.x12.X12Segments;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated payer: takes an 837P interchange, answers its 999 at once and puts a 277CA and, for claims it
 * accepted, an 835 in the submitter's mailbox, where the submitter polls for them and acknowledges each after
 * processing. The same interchange (sender and ISA13) sent again gets the same 999 and adjudicates nothing twice.
 * The payer behaviours switched on ({@link Behaviour}) add what real payers do: TA1s, group rejections, pended
 * claims, split and repeated 835s, overpayments and their recovery, interest, reversals of replaced claims.
 */
public final class PayerSimulator {

    private static final BigDecimal INTEREST_RATE = new BigDecimal("0.01");
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private final SimulatorProperties properties;
    private final Adjudicator adjudicator;
    private final ResponseWriter writer;
    private final Faults faults;
    private final Clock clock;
    private final Map<String, byte[]> answered = new HashMap<>();
    private final Map<String, Response> mailbox = new LinkedHashMap<>();
    private final PayerBehaviours behaviours;
    // by payer claim number: what was paid, for the reversal when a replacement comes
    private final Map<String, Adjudication> paidClaims = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final List<Recovery> recoveries = new ArrayList<>();
    // A payer never reuses an ERA's trace number (TRN02): the submitter takes payer + trace as the ERA's identity and
    // posts a repeated one nothing. The sequence starts afresh with each start, so the start time goes in too.
    private final long traceEpoch;
    private long controlNumber;
    private long traceSequence;
    private long responseSequence;

    public PayerSimulator(SimulatorProperties properties, Faults faults, Clock clock) {
        this.properties = properties;
        this.adjudicator = new Adjudicator(properties);
        this.writer = new ResponseWriter(properties);
        this.faults = faults;
        this.clock = clock;
        this.behaviours = new PayerBehaviours(properties.behaviours());
        this.traceEpoch = clock.millis();
    }

    /** Adjudicates an 837P and returns its 999 (or a rejecting TA1); throws X12FormatException when unreadable. */
    public synchronized byte[] receive(byte[] x12) {
        List<Segment> segments = X12Segments.read(x12);
        Received837 received = Claim837Reader.read(segments);
        String key = received.senderId() + "|" + received.interchangeControlNumber();
        byte[] earlier = answered.get(key);
        if (earlier != null) {
            return earlier;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        if (behaviours.draw(Behaviour.TA1_REJECTION)) {
            // 024: invalid interchange content; the interchange is refused whole, nothing in it is read further
            byte[] ta1 = writer.writeTa1(received, ++controlNumber, now, false, "024");
            answered.put(key, ta1);
            return ta1;
        }
        if (received.acknowledgmentRequested() && behaviours.on(Behaviour.TA1)) {
            post(received.senderId(), "TA1", writer.writeTa1(received, ++controlNumber, now, true, "000"));
        }
        if (behaviours.draw(Behaviour.GROUP_REJECTION)) {
            // AK905 5: the number of transaction sets does not match (the payer's stated reason; nothing is read)
            byte[] ack = writer.write999GroupRejected(received, ++controlNumber, now, "5");
            answered.put(key, ack);
            return ack;
        }
        byte[] ack = writer.write999(received, ++controlNumber, now);
        answered.put(key, ack);
        if (received.claims().isEmpty()) {
            return ack;
        }
        List<ResponseWriter.ClaimStatus> statuses = new ArrayList<>();
        List<ResponseWriter.ClaimStatus> pended = new ArrayList<>();
        List<Adjudication> toPay = new ArrayList<>();
        List<ClaimPayment> reversals = new ArrayList<>();
        for (SubmittedClaim claim : received.claims()) {
            if (!adjudicator.knowsMember(claim.memberId())) {
                statuses.add(new ResponseWriter.ClaimStatus(claim, false, null));
                continue;
            }
            if ("7".equals(claim.frequencyCode()) && claim.replacedPayerClaimNumber() != null) {
                Adjudication original = paidClaims.remove(claim.replacedPayerClaimNumber());
                if (original != null && behaviours.draw(Behaviour.REVERSAL)) {
                    reversals.add(ClaimPayment.reversalOf(original));
                }
            }
            Adjudication adjudication = adjudicator.adjudicate(claim, received.receivedOn());
            Optional<SubmittedClaim.OtherPayer> crossover =
                    Crossover.target(properties.crossovers(), claim, adjudication);
            if (crossover.isPresent() && adjudicator.knowsMember(crossover.get().memberId())) {
                adjudication = adjudication.forwardedTo(
                        crossover.get().payerId(), crossover.get().payerName());
            }
            ResponseWriter.ClaimStatus status =
                    new ResponseWriter.ClaimStatus(claim, true, adjudication.payerClaimNumber());
            statuses.add(status);
            if (behaviours.draw(Behaviour.PEND)) {
                pended.add(status);
                held.add(new Held(received.senderId(), adjudication));
            } else {
                toPay.add(adjudication);
            }
        }
        post(received.senderId(), "277CA", writer.write277(received, statuses, ++controlNumber, now));
        if (!pended.isEmpty()) {
            String notice = post(
                    received.senderId(),
                    "277",
                    writer.write277Pended(
                            received.senderId(), received.interchangeControlNumber(), pended, ++controlNumber, now));
            held.stream().filter(h -> h.notice == null).forEach(h -> h.notice = notice);
        }
        settle(received.senderId(), toPay, reversals, now);
        return ack;
    }

    /**
     * Pays adjudicated claims (and reverses replaced ones) in an 835, with what the behaviours add: a second 835 for
     * the other half of a split claim, a further 835 paying an overpaid claim again, PLB interest and recoveries.
     */
    private void settle(
            String submitterId, List<Adjudication> claims, List<ClaimPayment> reversals, LocalDateTime now) {
        // as payers pay: each payer its own claims in its own 835s, whatever other payers' claims the 837 held
        Map<String, List<Adjudication>> claimsByPayer = new LinkedHashMap<>();
        Map<String, List<ClaimPayment>> reversalsByPayer = new LinkedHashMap<>();
        for (ClaimPayment reversal : reversals) {
            String payer = payerOf(reversal.adjudication().claim());
            reversalsByPayer.computeIfAbsent(payer, k -> new ArrayList<>()).add(reversal);
            claimsByPayer.computeIfAbsent(payer, k -> new ArrayList<>());
        }
        for (Adjudication adjudication : claims) {
            claimsByPayer
                    .computeIfAbsent(payerOf(adjudication.claim()), k -> new ArrayList<>())
                    .add(adjudication);
        }
        claimsByPayer.forEach(
                (payer, own) -> settlePayer(submitterId, own, reversalsByPayer.getOrDefault(payer, List.of()), now));
    }

    /** The payer a claim was billed to (loop 2010BB), else this simulator's own: whose 835 pays it. */
    private String payerOf(SubmittedClaim claim) {
        return claim.payerId() != null && claim.payerName() != null ? claim.payerId() : properties.payerId();
    }

    /** {@link #settle} for one payer's claims. */
    private void settlePayer(
            String submitterId, List<Adjudication> claims, List<ClaimPayment> reversals, LocalDateTime now) {
        if (claims.isEmpty() && reversals.isEmpty()) {
            return;
        }
        List<ClaimPayment> payments = new ArrayList<>(reversals);
        List<ClaimPayment> secondParts = new ArrayList<>();
        List<Adjudication> overpaid = new ArrayList<>();
        List<ProviderAdjustment> adjustments = new ArrayList<>();
        for (Adjudication adjudication : claims) {
            paidClaims.put(adjudication.payerClaimNumber(), adjudication);
            ClaimPayment whole = ClaimPayment.whole(adjudication);
            int lines = adjudication.lines().size();
            if (lines >= 2 && behaviours.draw(Behaviour.SPLIT_PAYMENT)) {
                payments.add(whole.part(adjudication.lines().subList(0, lines / 2)));
                secondParts.add(whole.part(adjudication.lines().subList(lines / 2, lines)));
            } else {
                payments.add(whole);
            }
            if (adjudication.paid().signum() > 0) {
                if (behaviours.draw(Behaviour.INTEREST)) {
                    BigDecimal interest = adjudication
                            .paid()
                            .multiply(INTEREST_RATE)
                            .setScale(2, RoundingMode.HALF_UP)
                            .max(CENT);
                    adjustments.add(new ProviderAdjustment(
                            "L6", adjudication.claim().patientControlNumber(), interest.negate()));
                }
                if (behaviours.draw(Behaviour.OVERPAYMENT)) {
                    overpaid.add(adjudication);
                }
            }
        }
        emit835(submitterId, payments, adjustments, now);
        crossOver(
                submitterId,
                claims.stream().filter(a -> a.crossoverPayerId() != null).toList(),
                now);
        for (ClaimPayment part : secondParts) {
            emit835(submitterId, List.of(part), List.of(), now);
        }
        for (Adjudication adjudication : overpaid) {
            emit835(submitterId, List.of(ClaimPayment.whole(adjudication)), List.of(), now);
            if (behaviours.draw(Behaviour.TAKEBACK)) {
                recoveries.add(new Recovery(
                        submitterId,
                        payerOf(adjudication.claim()),
                        new ProviderAdjustment(
                                "WO", adjudication.claim().patientControlNumber(), adjudication.paid())));
            }
        }
    }

    /**
     * The payers the claims were forwarded to adjudicate them as secondary, each with its primary's adjudication, and
     * each pays the claims forwarded to it in one 835 of its own (its payment cycle: every claim one 837 crossed over to
     * it) for the same patient control numbers.
     */
    private void crossOver(String submitterId, List<Adjudication> primaries, LocalDateTime now) {
        Map<String, List<ClaimPayment>> bySecondary = new LinkedHashMap<>();
        for (Adjudication primary : primaries) {
            SubmittedClaim.OtherPayer secondary = primary.claim().otherPayers().stream()
                    .filter(o -> o.payerId().equals(primary.crossoverPayerId()))
                    .findFirst()
                    .orElseThrow();
            Adjudication adjudication =
                    adjudicator.adjudicate(Crossover.secondaryClaim(primary, secondary), now.toLocalDate());
            paidClaims.put(adjudication.payerClaimNumber(), adjudication);
            bySecondary
                    .computeIfAbsent(payerOf(adjudication.claim()), k -> new ArrayList<>())
                    .add(ClaimPayment.whole(adjudication));
        }
        bySecondary.values().forEach(payments -> emit835(submitterId, payments, List.of(), now));
    }

    /**
     * Posts one 835 under a new trace number: it takes back, oldest first, what is owed as far as its payment covers
     * it; a negative payment (a reversal larger than what else is paid) is carried forward (PLB FB) and taken back
     * from a later 835.
     */
    private void emit835(
            String submitterId, List<ClaimPayment> payments, List<ProviderAdjustment> adjustments, LocalDateTime now) {
        String trace = String.format("%s%d%06d", properties.tracePrefix(), traceEpoch, ++traceSequence);
        String payer = payerOf(payments.get(0).adjudication().claim());
        List<ProviderAdjustment> plb = new ArrayList<>(adjustments);
        BigDecimal available = payments.stream()
                .map(ClaimPayment::paid)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .subtract(
                        adjustments.stream().map(ProviderAdjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        for (Iterator<Recovery> it = recoveries.iterator(); it.hasNext(); ) {
            Recovery recovery = it.next();
            if (recovery.submitterId().equals(submitterId)
                    && recovery.payerId().equals(payer)
                    && recovery.adjustment().amount().compareTo(available) <= 0) {
                plb.add(recovery.adjustment());
                available = available.subtract(recovery.adjustment().amount());
                it.remove();
            }
        }
        if (available.signum() < 0) {
            plb.add(new ProviderAdjustment("FB", trace, available));
            recoveries.add(new Recovery(submitterId, payer, new ProviderAdjustment("FB", trace, available.negate())));
        }
        BigDecimal offset = faults.unbalanced835() ? new BigDecimal("1.00") : BigDecimal.ZERO;
        byte[] era = writer.write835(submitterId, payments, plb, trace, ++controlNumber, now, offset);
        if (faults.malformed835()) {
            // cut the file in the middle of a claim: no SE, GE, IEA
            String text = new String(era, StandardCharsets.US_ASCII);
            era = text.substring(0, text.indexOf("SVC")).getBytes(StandardCharsets.US_ASCII);
        }
        post(submitterId, "835", era);
        if (behaviours.draw(Behaviour.DUPLICATE_835)) {
            post(submitterId, "835", era);
        }
    }

    /** Pays the pended claims whose 277 the submitter has taken (acknowledged): each submitter's in one 835. */
    private void releasePended() {
        List<Held> due = held.stream()
                .filter(h -> h.notice != null && !mailbox.containsKey(h.notice))
                .toList();
        if (due.isEmpty()) {
            return;
        }
        held.removeAll(due);
        LocalDateTime now = LocalDateTime.now(clock);
        due.stream()
                .map(Held::submitterId)
                .distinct()
                .forEach(submitter -> settle(
                        submitter,
                        due.stream()
                                .filter(h -> h.submitterId.equals(submitter))
                                .map(h -> h.adjudication)
                                .toList(),
                        List.of(),
                        now));
    }

    private String post(String submitterId, String type, byte[] content) {
        String id = type.toLowerCase() + "-" + (++responseSequence);
        mailbox.put(id, new Response(id, submitterId, type, Instant.now(clock), content));
        return id;
    }

    /** Responses waiting for the submitter, oldest first (without content). */
    public synchronized List<Response> pending(String submitterId) {
        releasePended();
        return mailbox.values().stream()
                .filter(r -> submitterId == null || r.submitterId().equals(submitterId))
                .map(r -> new Response(r.id(), r.submitterId(), r.type(), r.createdAt(), null))
                .toList();
    }

    public synchronized Optional<Response> response(String id) {
        return Optional.ofNullable(mailbox.get(id));
    }

    /** The submitter processed the response: it leaves the mailbox. */
    public synchronized boolean acknowledge(String id) {
        return mailbox.remove(id) != null;
    }

    public synchronized Map<String, BigDecimal> accumulators(String memberId, int year) {
        return adjudicator.accumulators(memberId, year);
    }

    /** A TA1, 277CA, 277 or 835 in a submitter's mailbox. */
    public record Response(String id, String submitterId, String type, Instant createdAt, byte[] content) {}

    /** A pended claim: paid once the submitter has taken its 277 (notice, a mailbox id). */
    private static final class Held {
        final String submitterId;
        final Adjudication adjudication;
        String notice;

        Held(String submitterId, Adjudication adjudication) {
            this.submitterId = submitterId;
            this.adjudication = adjudication;
        }

        String submitterId() {
            return submitterId;
        }
    }

    /** Money a payer takes back from a later 835 of its own to the submitter (PLB WO or FB). */
    private record Recovery(String submitterId, String payerId, ProviderAdjustment adjustment) {}
}
