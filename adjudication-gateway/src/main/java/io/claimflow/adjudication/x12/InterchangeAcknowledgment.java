package io.claimflow.adjudication.x12;

import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TA1 interchange acknowledgment (ISA/IEA envelope rules, sent when our ISA14 asked for one): the interchange it
 * answers (TA101, our ISA13), its acknowledgment code (TA104: A accepted, E accepted with errors, R rejected) and
 * note code (TA105) with the note's meaning.
 */
public record InterchangeAcknowledgment(
        String interchangeControlNumber, String code, String noteCode, String noteDescription) {

    /** TA105 interchange note codes (X12 code list 1991), by code. */
    private static final Map<String, String> NOTES = Map.ofEntries(
            Map.entry("000", "No error"),
            Map.entry("001", "The Interchange Control Number in the Header and Trailer Do Not Match"),
            Map.entry("002", "This Standard as Noted in the Control Standards Identifier is Not Supported"),
            Map.entry("003", "This Version of the Controls is Not Supported"),
            Map.entry("004", "The Segment Terminator is Invalid"),
            Map.entry("005", "Invalid Interchange ID Qualifier for Sender"),
            Map.entry("006", "Invalid Interchange Sender ID"),
            Map.entry("007", "Invalid Interchange ID Qualifier for Receiver"),
            Map.entry("008", "Invalid Interchange Receiver ID"),
            Map.entry("009", "Unknown Interchange Receiver ID"),
            Map.entry("010", "Invalid Authorization Information Qualifier Value"),
            Map.entry("011", "Invalid Authorization Information Value"),
            Map.entry("012", "Invalid Security Information Qualifier Value"),
            Map.entry("013", "Invalid Security Information Value"),
            Map.entry("014", "Invalid Interchange Date Value"),
            Map.entry("015", "Invalid Interchange Time Value"),
            Map.entry("016", "Invalid Interchange Standards Identifier Value"),
            Map.entry("017", "Invalid Interchange Version ID Value"),
            Map.entry("018", "Invalid Interchange Control Number Value"),
            Map.entry("019", "Invalid Acknowledgment Requested Value"),
            Map.entry("020", "Invalid Test Indicator Value"),
            Map.entry("021", "Invalid Number of Included Groups Value"),
            Map.entry("022", "Invalid Control Structure"),
            Map.entry("023", "Improper (Premature) End-of-File (Transmission)"),
            Map.entry("024", "Invalid Interchange Content (e.g., Invalid GS Segment)"),
            Map.entry("025", "Duplicate Interchange Control Number"),
            Map.entry("026", "Invalid Data Element Separator"),
            Map.entry("027", "Invalid Component Element Separator"),
            Map.entry("028", "Invalid Delivery Date in Deferred Delivery Request"),
            Map.entry("029", "Invalid Delivery Time in Deferred Delivery Request"),
            Map.entry("030", "Invalid Delivery Time Code in Deferred Delivery Request"),
            Map.entry("031", "Invalid Grade of Service Code"));

    public boolean rejected() {
        return "R".equals(code);
    }

    /** The TA1 segments of an interchange (none when it has none). */
    public static List<InterchangeAcknowledgment> read(List<Segment> segments) {
        List<InterchangeAcknowledgment> acks = new ArrayList<>();
        for (Segment s : segments) {
            if (!s.tag().equals("TA1")) {
                continue;
            }
            String code = s.required(4);
            if (!List.of("A", "E", "R").contains(code)) {
                throw new X12FormatException("TA104 must be A, E or R (segment " + s.position() + ")");
            }
            String note = s.required(5);
            acks.add(new InterchangeAcknowledgment(
                    s.required(1), code, note, NOTES.getOrDefault(note, "interchange note " + note)));
        }
        return acks;
    }
}
