package io.claimflow.payersimulator.adjudication;

import io.claimflow.x12.Segment;
import io.claimflow.x12.X12Segments;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated payer: takes an 837P interchange, answers its 999 at once and puts a 277CA and, for claims it
 * accepted, an 835 in the submitter's mailbox, where the submitter polls for them and acknowledges each after
 * processing. The same interchange (sender and ISA13) sent again gets the same 999 and adjudicates nothing twice.
 */
public final class PayerSimulator {

    private final SimulatorProperties properties;
    private final Adjudicator adjudicator;
    private final ResponseWriter writer;
    private final Faults faults;
    private final Clock clock;
    private final Map<String, byte[]> answered = new HashMap<>();
    private final Map<String, Response> mailbox = new LinkedHashMap<>();
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
        this.traceEpoch = clock.millis();
    }

    /** Adjudicates an 837P and returns its 999; throws X12FormatException when it is not readable X12. */
    public synchronized byte[] receive(byte[] x12) {
        List<Segment> segments = X12Segments.read(x12);
        Received837 received = Claim837Reader.read(segments);
        String key = received.senderId() + "|" + received.interchangeControlNumber();
        byte[] earlier = answered.get(key);
        if (earlier != null) {
            return earlier;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        byte[] ack = writer.write999(received, ++controlNumber, now);
        answered.put(key, ack);
        if (received.claims().isEmpty()) {
            return ack;
        }
        List<ResponseWriter.ClaimStatus> statuses = new ArrayList<>();
        List<Adjudication> adjudicated = new ArrayList<>();
        for (SubmittedClaim claim : received.claims()) {
            if (adjudicator.knowsMember(claim.memberId())) {
                Adjudication adjudication = adjudicator.adjudicate(claim, received.receivedOn());
                adjudicated.add(adjudication);
                statuses.add(new ResponseWriter.ClaimStatus(claim, true, adjudication.payerClaimNumber()));
            } else {
                statuses.add(new ResponseWriter.ClaimStatus(claim, false, null));
            }
        }
        post(received.senderId(), "277CA", writer.write277(received, statuses, ++controlNumber, now));
        if (!adjudicated.isEmpty()) {
            String trace = String.format("%s%d%06d", properties.tracePrefix(), traceEpoch, ++traceSequence);
            BigDecimal offset = faults.unbalanced835() ? new BigDecimal("1.00") : BigDecimal.ZERO;
            byte[] era = writer.write835(received.senderId(), adjudicated, trace, ++controlNumber, now, offset);
            if (faults.malformed835()) {
                // cut the file in the middle of a claim: no SE, GE, IEA
                String text = new String(era, StandardCharsets.US_ASCII);
                era = text.substring(0, text.indexOf("SVC")).getBytes(StandardCharsets.US_ASCII);
            }
            post(received.senderId(), "835", era);
        }
        return ack;
    }

    private void post(String submitterId, String type, byte[] content) {
        String id = type.toLowerCase() + "-" + (++responseSequence);
        mailbox.put(id, new Response(id, submitterId, type, Instant.now(clock), content));
    }

    /** Responses waiting for the submitter, oldest first (without content). */
    public synchronized List<Response> pending(String submitterId) {
        return mailbox.values().stream().filter(r -> submitterId == null || r.submitterId().equals(submitterId))
                .map(r -> new Response(r.id(), r.submitterId(), r.type(), r.createdAt(), null)).toList();
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

    /** A 277CA or 835 in a submitter's mailbox. */
    public record Response(String id, String submitterId, String type, Instant createdAt, byte[] content) {
    }
}
