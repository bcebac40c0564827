package io.claimflow.ehr.hl7.adapter;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.ERR;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.preparser.PreParser;
import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.EncounterIntake;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Publication;
import io.claimflow.platform.audit.AuditTrail;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One HL7 v2 message in, its ACK out (original acknowledgment mode): AA when the encounter is in the outbox (or was
 * before: a resent message publishes nothing twice), AE with an ERR segment per problem when the content is wrong,
 * AR when the message is not one this connector takes (not DFT^P03, no readable MSH) or it cannot take it now.
 */
class Hl7Receiver {

    private static final Logger log = LoggerFactory.getLogger(Hl7Receiver.class);
    private static final Pattern LOCATION =
            Pattern.compile("([A-Z][A-Z0-9]{2})(?:\\[(\\d+)])?(?:-(\\d+))?(?:\\.(\\d+))?");

    /** HL7 table 0357 message error condition codes. */
    private static final String SEGMENT_SEQUENCE_ERROR = "100";

    private static final String REQUIRED_FIELD_MISSING = "101";
    private static final String DATA_TYPE_ERROR = "102";
    private static final String TABLE_VALUE_NOT_FOUND = "103";
    private static final String UNSUPPORTED_MESSAGE_TYPE = "200";
    private static final String UNSUPPORTED_EVENT_CODE = "201";
    private static final String APPLICATION_INTERNAL_ERROR = "207";

    private final HapiContext hapi;
    private final EncounterIntake intake;
    private final String tenantId;
    private final EhrProperties.BillingProvider billing;
    private final AuditTrail audit;

    Hl7Receiver(
            HapiContext hapi,
            EncounterIntake intake,
            String tenantId,
            EhrProperties.BillingProvider billing,
            AuditTrail audit) {
        this.audit = audit;
        this.hapi = hapi;
        this.intake = intake;
        this.tenantId = tenantId;
        this.billing = billing;
    }

    /** The audit trail's caller for HL7 intake: the channel and the sender's address (MLLP has no login). */
    static String caller(String remoteAddress) {
        return "hl7-mllp@" + remoteAddress;
    }

    /** Handles one message (segments separated by CR) and returns the ACK to send back. */
    String receive(String text) {
        return receive(text, "unknown");
    }

    /** Handles one message from {@code remoteAddress} and returns the ACK; what it publishes is audited. */
    String receive(String text, String remoteAddress) {
        try {
            return handle(text, remoteAddress);
        } catch (RuntimeException e) {
            // never leave the sender without an answer; the exception's message may quote the message, so not logged
            log.error(
                    "HL7 message handling failed ({}); answered AR",
                    e.getClass().getName());
            return bareAck(
                    null,
                    AcknowledgmentCode.AR,
                    List.of(new Problem("MSH", null, "the message could not be handled now; send it again later")));
        }
    }

    private String handle(String text, String remoteAddress) {
        String message = text.replace("\r\n", "\r").replace('\n', '\r').strip();
        String[] header;
        try {
            header = PreParser.getFields(message, "MSH-9-1", "MSH-9-2", "MSH-10");
        } catch (HL7Exception | RuntimeException e) {
            log.info("HL7 message without a readable MSH refused");
            return bareAck(
                    null,
                    AcknowledgmentCode.AR,
                    List.of(new Problem(
                            "MSH",
                            Problem.Kind.UNREADABLE,
                            "not an HL7 v2 message: it must start with an MSH segment")));
        }
        String type = header[0];
        String trigger = header[1];
        String controlId = header[2];
        if (!"DFT".equals(type) || !"P03".equals(trigger)) {
            log.info("HL7 message {} of type {}^{} refused: only DFT^P03 is taken", controlId, type, trigger);
            return bareAck(
                    controlId,
                    AcknowledgmentCode.AR,
                    List.of(new Problem(
                            "DFT".equals(type) ? "MSH-9.2" : "MSH-9.1",
                            Problem.Kind.UNSUPPORTED,
                            "message type " + type + "^" + trigger + " is not taken here; send DFT^P03")));
        }
        PipeParser parser = hapi.getPipeParser();
        Message parsed;
        try {
            parsed = parser.parse(message);
        } catch (HL7Exception e) {
            log.info("HL7 message {} could not be parsed", controlId);
            return bareAck(
                    controlId,
                    AcknowledgmentCode.AE,
                    List.of(new Problem("MSH", Problem.Kind.UNREADABLE, "the message could not be parsed as DFT^P03")));
        }
        if (!(parsed instanceof DFT_P03 dft)) {
            return bareAck(
                    controlId,
                    AcknowledgmentCode.AR,
                    List.of(new Problem("MSH-9", Problem.Kind.UNSUPPORTED, "message structure is not DFT_P03")));
        }
        DftMapper.Result result;
        try {
            result = DftMapper.map(dft, tenantId, billing);
        } catch (HL7Exception e) {
            return ack(
                    dft,
                    controlId,
                    AcknowledgmentCode.AE,
                    List.of(new Problem("MSH", Problem.Kind.UNREADABLE, "the message structure could not be read")));
        }
        if (!result.problems().isEmpty()) {
            log.info(
                    "HL7 message {} refused with {} problem(s)",
                    controlId,
                    result.problems().size());
            return ack(dft, controlId, AcknowledgmentCode.AE, result.problems());
        }
        List<Problem> refused = intake.check(List.of(result.submission()));
        if (!refused.isEmpty()) {
            log.info("HL7 message {} refused with {} problem(s) found before publishing", controlId, refused.size());
            return ack(dft, controlId, AcknowledgmentCode.AE, refused);
        }
        try {
            Publication publication =
                    intake.publish(List.of(result.submission())).get(0);
            log.info(
                    "HL7 message {}: encounter {} {} as event {}",
                    controlId,
                    publication.encounterId(),
                    publication.outcome(),
                    publication.eventId());
            if (publication.outcome() == Publication.Outcome.PUBLISHED
                    || publication.outcome() == Publication.Outcome.CORRECTION) {
                audited(remoteAddress, publication.encounterId());
            }
            return ack(dft, controlId, AcknowledgmentCode.AA, List.of());
        } catch (RuntimeException e) {
            // the database or the registry did not answer: reject, so that the sender sends it again later
            log.warn(
                    "HL7 message {} could not be stored ({}); answered AR",
                    controlId,
                    e.getClass().getSimpleName());
            return ack(
                    dft,
                    controlId,
                    AcknowledgmentCode.AR,
                    List.of(new Problem("MSH", null, "the message could not be stored now; send it again later")));
        }
    }

    /** Like the FHIR door: who (channel and address), what (the encounter's id), when (the record's time). */
    private void audited(String remoteAddress, String encounterId) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(caller(remoteAddress), null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            audit.changed("encounter.documented", "encounter", encounterId);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private String ack(Message message, String controlId, AcknowledgmentCode code, List<Problem> problems) {
        try {
            ACK ack = (ACK) message.generateACK(code, null);
            fill(ack, controlId, code, problems);
            return ack.encode();
        } catch (HL7Exception | java.io.IOException | ClassCastException e) {
            return bareAck(controlId, code, problems);
        }
    }

    /** An ACK built from nothing, for messages too broken (or of the wrong type) to answer from their own MSH. */
    private String bareAck(String controlId, AcknowledgmentCode code, List<Problem> problems) {
        try {
            ACK ack = new ACK();
            ack.setParser(hapi.getPipeParser());
            ack.initQuickstart("ACK", null, "P");
            fill(ack, controlId, code, problems);
            return ack.encode();
        } catch (HL7Exception | java.io.IOException e) {
            throw new IllegalStateException("could not build an ACK", e);
        }
    }

    private static void fill(ACK ack, String controlId, AcknowledgmentCode code, List<Problem> problems)
            throws HL7Exception {
        ack.getMSA().getAcknowledgmentCode().setValue(code.name());
        ack.getMSA().getMessageControlID().setValue(controlId == null ? "" : controlId);
        if (!problems.isEmpty()) {
            ack.getMSA().getTextMessage().setValue(truncate(problems.get(0).message(), 80));
        }
        for (int i = 0; i < problems.size(); i++) {
            Problem problem = problems.get(i);
            ERR err = ack.getERR(i);
            Matcher location = LOCATION.matcher(problem.location());
            if (location.matches()) {
                err.getErrorLocation(0).getSegmentID().setValue(location.group(1));
                err.getErrorLocation(0)
                        .getSegmentSequence()
                        .setValue(location.group(2) == null ? "1" : location.group(2));
                if (location.group(3) != null) {
                    err.getErrorLocation(0).getFieldPosition().setValue(location.group(3));
                }
                if (location.group(4) != null) {
                    err.getErrorLocation(0).getComponentNumber().setValue(location.group(4));
                }
            }
            String errorCode = errorCode(problem);
            err.getHL7ErrorCode().getIdentifier().setValue(errorCode);
            err.getHL7ErrorCode().getText().setValue(errorText(errorCode));
            err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
            err.getSeverity().setValue("E");
            err.getUserMessage().setValue(problem.message());
        }
    }

    private static String errorCode(Problem problem) {
        if (problem.kind() == null) {
            return APPLICATION_INTERNAL_ERROR;
        }
        return switch (problem.kind()) {
            case UNREADABLE -> SEGMENT_SEQUENCE_ERROR;
            case UNSUPPORTED ->
                problem.location().startsWith("MSH-9.2")
                        ? UNSUPPORTED_EVENT_CODE
                        : problem.location().startsWith("MSH-9")
                                ? UNSUPPORTED_MESSAGE_TYPE
                                : APPLICATION_INTERNAL_ERROR;
            case REQUIRED ->
                problem.location().matches("[A-Z0-9]{3}") ? SEGMENT_SEQUENCE_ERROR : REQUIRED_FIELD_MISSING;
            case INVALID -> DATA_TYPE_ERROR;
            case UNKNOWN_CODE_SYSTEM -> TABLE_VALUE_NOT_FOUND;
            case UNRESOLVED_REFERENCE -> REQUIRED_FIELD_MISSING;
            case DEFAULTED, NOT_USED -> APPLICATION_INTERNAL_ERROR; // not produced by the HL7 v2 mapper
        };
    }

    private static String errorText(String code) {
        return switch (code) {
            case SEGMENT_SEQUENCE_ERROR -> "Segment sequence error";
            case REQUIRED_FIELD_MISSING -> "Required field missing";
            case DATA_TYPE_ERROR -> "Data type error";
            case TABLE_VALUE_NOT_FOUND -> "Table value not found";
            case UNSUPPORTED_MESSAGE_TYPE -> "Unsupported message type";
            case UNSUPPORTED_EVENT_CODE -> "Unsupported event code";
            default -> "Application internal error";
        };
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
