package io.claimflow.adjudication.x12;

import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the 999 transaction sets of an interchange. */
public final class Acknowledgment999Reader {

    private static final Map<String, String> SEGMENT_ERRORS = Map.of(
            "1",
            "Unrecognized segment ID",
            "2",
            "Unexpected segment",
            "3",
            "Required segment missing",
            "4",
            "Loop occurs over maximum times",
            "5",
            "Segment exceeds maximum use",
            "6",
            "Segment not in defined transaction set",
            "7",
            "Segment not in proper sequence",
            "8",
            "Segment has data element errors",
            "I6",
            "Implementation dependent segment missing",
            "I9",
            "Implementation dependent not used segment present");
    private static final Map<String, String> ELEMENT_ERRORS = Map.of(
            "1",
            "Required data element missing",
            "2",
            "Conditional required data element missing",
            "3",
            "Too many data elements",
            "4",
            "Data element too short",
            "5",
            "Data element too long",
            "6",
            "Invalid character in data element",
            "7",
            "Invalid code value",
            "8",
            "Invalid date",
            "9",
            "Invalid time",
            "I12",
            "Implementation pattern match failure");

    /** AK905-AK909 functional group syntax error codes (X12 code list 716). */
    private static final Map<String, String> GROUP_ERRORS = Map.ofEntries(
            Map.entry("1", "Functional Group Not Supported"),
            Map.entry("2", "Functional Group Version Not Supported"),
            Map.entry("3", "Functional Group Trailer Missing"),
            Map.entry("4", "Group Control Number in the Functional Group Header and Trailer Do Not Agree"),
            Map.entry("5", "Number of Included Transaction Sets Does Not Match Actual Count"),
            Map.entry("6", "Group Control Number Violates Syntax"),
            Map.entry("10", "Authentication Key Name Unknown"),
            Map.entry("11", "Encryption Key Name Unknown"),
            Map.entry("12", "Requested Service (Authentication or Encryption) Not Available"),
            Map.entry("13", "Unknown Security Recipient"),
            Map.entry("14", "Unknown Security Originator"),
            Map.entry("15", "Syntax Error in Decrypted Text"),
            Map.entry("16", "Security Not Supported"),
            Map.entry("17", "Incorrect Message Length (Encryption Only)"),
            Map.entry("18", "Message Authentication Code Failed"),
            Map.entry("19", "Functional Group Control Number not Unique within Interchange"));

    private Acknowledgment999Reader() {}

    public static List<Acknowledgment> read(List<Segment> segments) {
        List<Acknowledgment> acks = new ArrayList<>();
        String group = null;
        String functionalId = null;
        String version = null;
        String gsSender = null;
        String gsReceiver = null;
        List<Acknowledgment.TransactionAck> transactions = new ArrayList<>();
        String st02 = null;
        List<Acknowledgment.Error> errors = new ArrayList<>();
        String segmentLocation = null;
        boolean in999 = false;
        for (Segment s : segments) {
            switch (s.tag()) {
                case "GS" -> {
                    gsSender = s.element(2);
                    gsReceiver = s.element(3);
                }
                case "ST" -> {
                    if (!"999".equals(s.element(1))) {
                        throw new X12FormatException("transaction set " + s.element(1) + " is not a 999");
                    }
                    in999 = true;
                    group = null;
                    transactions = new ArrayList<>();
                }
                case "AK1" -> {
                    functionalId = s.required(1);
                    group = s.required(2);
                    version = s.element(3);
                }
                case "AK2" -> {
                    st02 = s.required(2);
                    errors = new ArrayList<>();
                }
                case "IK3" -> {
                    segmentLocation = "segment " + s.element(1) + " position " + s.element(2)
                            + (s.element(3) == null ? "" : " loop " + s.element(3));
                    String code = s.element(4);
                    if (code != null) {
                        errors.add(new Acknowledgment.Error(
                                code, SEGMENT_ERRORS.getOrDefault(code, "segment error"), segmentLocation));
                    }
                }
                case "IK4" -> {
                    String code = s.required(3);
                    String where = (segmentLocation == null ? "" : segmentLocation + " ") + "element "
                            + String.join(":", s.components(1));
                    errors.add(
                            new Acknowledgment.Error(code, ELEMENT_ERRORS.getOrDefault(code, "element error"), where));
                }
                case "IK5" -> {
                    if (st02 == null) {
                        throw new X12FormatException("IK5 without AK2 at segment " + s.position());
                    }
                    transactions.add(new Acknowledgment.TransactionAck(st02, s.required(1), errors));
                    st02 = null;
                    segmentLocation = null;
                }
                case "AK9" -> {
                    if (group == null) {
                        throw new X12FormatException("AK9 without AK1 at segment " + s.position());
                    }
                    List<Acknowledgment.Error> groupErrors = new ArrayList<>();
                    for (int i = 5; i <= 9; i++) {
                        String code = s.element(i);
                        if (code != null) {
                            groupErrors.add(new Acknowledgment.Error(
                                    code,
                                    GROUP_ERRORS.getOrDefault(code, "functional group error"),
                                    "functional group " + group));
                        }
                    }
                    acks.add(new Acknowledgment(
                            gsSender,
                            gsReceiver,
                            functionalId,
                            group,
                            version,
                            s.required(1),
                            groupErrors,
                            transactions));
                }
                default -> {}
            }
        }
        if (!in999 || acks.isEmpty()) {
            throw new X12FormatException("no complete 999 acknowledgment (AK1 ... AK9) in the file");
        }
        return acks;
    }
}
