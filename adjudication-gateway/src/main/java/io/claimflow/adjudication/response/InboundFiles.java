package io.claimflow.adjudication.response;

import io.claimflow.adjudication.submission.InterchangeSender;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.submission.ResponsePoller;
import io.claimflow.adjudication.x12.Acknowledgment999Reader;
import io.claimflow.adjudication.x12.ClaimAcknowledgment277Reader;
import io.claimflow.adjudication.x12.InterchangeAcknowledgment;
import io.claimflow.adjudication.x12.Remittance;
import io.claimflow.adjudication.x12.Remittance835Reader;
import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import io.claimflow.x12.X12Segments;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every file a payer sends (TA1, 999, 277CA, 835; over HTTP, by polling, or uploaded) comes in here. The file is kept as
 * it came; a file with the same content as one processed before is kept as DUPLICATE and changes nothing; one that
 * cannot be read, is of an unexpected type, or does not balance is QUARANTINED with its reason and changes nothing
 * else. All of it, file, state changes and events, in one transaction.
 */
@Service
public class InboundFiles implements InterchangeSender.AcknowledgmentReceiver, ResponsePoller.FileReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(InboundFiles.class);

    private final Interchanges interchanges;
    private final Quarantine quarantine;
    private final AcknowledgmentHandling acknowledgments;
    private final RemittancePosting posting;

    public InboundFiles(
            Interchanges interchanges,
            Quarantine quarantine,
            AcknowledgmentHandling acknowledgments,
            RemittancePosting posting) {
        this.interchanges = interchanges;
        this.quarantine = quarantine;
        this.acknowledgments = acknowledgments;
        this.posting = posting;
    }

    /** What became of a received file. */
    public record Received(long interchangeId, String transactionType, String status, String detail) {}

    @Override
    @Transactional
    public void receive(byte[] x12, String source) {
        accept(x12, source);
    }

    @Transactional
    public Received accept(byte[] raw, String source) {
        List<Segment> segments;
        String type;
        Segment isa;
        try {
            segments = X12Segments.read(raw);
            isa = segments.get(0);
            type = transactionType(segments);
        } catch (X12FormatException e) {
            Interchanges.StoredInbound stored =
                    interchanges.storeInbound("UNKNOWN", source, null, null, null, raw, "QUARANTINED");
            return stored.duplicate()
                    ? duplicate(stored.id(), source)
                    : quarantined(stored.id(), "UNKNOWN", e.getMessage());
        }
        Long isa13 = parseLong(isa.element(13)).orElse(null);
        String isaSender = isa.element(6) == null ? null : isa.element(6).trim();
        String isaReceiver = isa.element(8) == null ? null : isa.element(8).trim();
        // stored as DUPLICATE instead, changing nothing, when the same content was processed before (one statement)
        Interchanges.StoredInbound stored =
                interchanges.storeInbound(type, source, isa.element(6), isa.element(8), isa13, raw, "RECEIVED");
        if (stored.duplicate()) {
            return duplicate(stored.id(), source);
        }
        long id = stored.id();
        try {
            List<InterchangeAcknowledgment> ta1 = InterchangeAcknowledgment.read(segments);
            String ta1Detail = ta1.isEmpty() ? null : acknowledgments.onTa1(ta1, isaSender, isaReceiver, id);
            String detail = switch (type) {
                case "TA1" -> ta1Detail;
                case "999" ->
                    (ta1Detail == null ? "" : ta1Detail + "; ") + "matched "
                            + acknowledgments.on999(Acknowledgment999Reader.read(segments), isaSender, isaReceiver, id)
                            + " claim(s)";
                case "277CA" ->
                    "matched " + acknowledgments.on277(ClaimAcknowledgment277Reader.read(segments), id) + " claim(s)";
                case "835" -> {
                    List<Remittance> file = Remittance835Reader.read(segments);
                    posting.check(file);
                    RemittancePosting.Result result = posting.post(file, id, posting.checkReusedTraces(file));
                    if (result.status().equals("DUPLICATE")) {
                        interchanges.updateInbound(id, type, "DUPLICATE", "every ERA in it was posted before");
                        yield null;
                    }
                    yield "posted " + result.posted() + " claim(s), " + result.unmatched() + " unmatched, "
                            + result.duplicates() + " ERA(s) posted before";
                }
                default ->
                    throw new QuarantineException(
                            "transaction set " + type + " is not one the gateway receives (TA1, 999, 277CA, 835)");
            };
            if (detail == null) {
                return new Received(id, type, "DUPLICATE", "every ERA in it was posted before");
            }
            interchanges.updateInbound(id, type, "PROCESSED", detail);
            LOG.info("file {} ({}) from {}: {}", id, type, source, detail);
            return new Received(id, type, "PROCESSED", detail);
        } catch (X12FormatException | QuarantineException e) {
            // nothing was posted: the readers and the balancing check run before any state change
            return quarantined(id, type, e.getMessage());
        }
    }

    private static Received duplicate(long id, String source) {
        LOG.info("file {} from {} repeats one processed before; nothing done", id, source);
        return new Received(id, "UNKNOWN", "DUPLICATE", "same content as a file processed before");
    }

    private Received quarantined(long id, String type, String reason) {
        interchanges.updateInbound(id, type, "QUARANTINED", reason);
        long quarantineId = quarantine.quarantine(id, reason);
        // the reason can name patient control numbers: it is kept in quarantined_file (ADMIN REST), not logged
        LOG.warn(
                "file {} ({}) quarantined as {}; see GET /api/adjudication/quarantine/{}",
                id,
                type,
                quarantineId,
                quarantineId);
        return new Received(id, type, "QUARANTINED", reason);
    }

    /** Processes a quarantined file again (after a fix elsewhere, e.g. the claims it pays were sent). */
    @Transactional
    public Optional<Received> retry(long quarantineId) {
        return quarantine
                .find(quarantineId)
                .flatMap(q -> interchanges.raw(q.interchangeId()).map(raw -> {
                    Received again = accept(raw, "RETRY:" + quarantineId);
                    quarantine.resolve(quarantineId, again.status().equals("QUARANTINED") ? "RETRY_FAILED" : "RETRIED");
                    return again;
                }));
    }

    private static String transactionType(List<Segment> segments) {
        boolean ta1 = false;
        for (Segment s : segments) {
            if (s.tag().equals("ST")) {
                String st01 = s.element(1);
                return "277".equals(st01) ? "277CA" : st01 == null ? "UNKNOWN" : st01;
            }
            ta1 |= s.tag().equals("TA1");
        }
        if (ta1) {
            return "TA1";
        }
        throw new X12FormatException("no transaction set (ST) nor TA1 in the interchange");
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
