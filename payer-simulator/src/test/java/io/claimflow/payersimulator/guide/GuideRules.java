package io.claimflow.payersimulator.guide;

import io.claimflow.x12.Segment;
import io.claimflow.x12.X12Segments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The usage rules of the 5010 implementation guides for the files the simulator writes, written down by the team
 * from the guides (not taken from a validator): 999 (005010X231A1), 277CA (005010X214), 835 (005010X221A1) and
 * TA1 (the interchange acknowledgment of the 00501 control segments).
 * <p>
 * For each segment of each loop: every element's usage (R required, S situational, N not used), its minimum and
 * maximum length by its data type (R and N0 counted in digits), and the code values the guide allows; the loop
 * order of each transaction set; envelope counts and control numbers (SE01, SE02, GE01, GE02, IEA01, IEA02); and
 * the guides' own semantic rules: 999 AK9 counts and reasons, 277CA rejection text in STC12, 835 balancing (line,
 * claim and BPR02 = sum(CLP04) - sum(PLB amounts)), reversal signs, CAS triplets and PLB content.
 * {@link #violations(byte[])} lists every broken rule, empty for a conforming file.
 */
public final class GuideRules {

    private static final Set<String> YES = Set.of();

    private GuideRules() {}

    // ------------------------------------------------------------------ element rules

    /** One element's rule; {@code components} non-empty for a composite. */
    record El(char usage, String type, int min, int max, Set<String> codes, List<El> components) {}

    private static El r(String type, int min, int max, String... codes) {
        return new El('R', type, min, max, Set.of(codes), List.of());
    }

    private static El s(String type, int min, int max, String... codes) {
        return new El('S', type, min, max, Set.of(codes), List.of());
    }

    private static final El N = new El('N', "", 0, 0, YES, List.of());

    private static El comp(char usage, El... components) {
        return new El(usage, "C", 0, 0, YES, List.of(components));
    }

    private static List<El> seg(El... elements) {
        return List.of(elements);
    }

    private static final String[] IK_ERRORS = {"1", "2", "3", "4", "5", "6", "7", "8", "I4", "I6", "I7", "I8", "I9"};
    private static final String[] IK5_ERRORS = {
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "15", "16", "17", "18", "19", "23", "24",
        "25", "26", "27", "I5", "I6"
    };
    private static final String[] AK9_ERRORS = {
        "1", "2", "3", "4", "5", "6", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22",
        "23", "24", "25", "26"
    };
    private static final String[] CLAIM_STATUS = {"1", "2", "3", "4", "19", "20", "21", "22", "23", "25"};
    private static final String[] CAS_GROUPS = {"CO", "OA", "PI", "PR"};
    private static final String[] PLB_REASONS = {
        "50", "51", "72", "90", "AH", "AM", "AP", "B2", "B3", "BD", "BN", "C5", "CR", "CS", "CT", "CV", "CW", "DM",
        "E3", "FB", "FC", "GO", "HM", "IP", "IR", "IS", "J1", "L3", "L6", "LE", "LS", "OA", "OB", "PI", "PL", "RA",
        "RE", "SL", "TL", "WO", "WU"
    };
    private static final String[] STC_277CA_CLAIM_ENTITIES = {
        "03", "1P", "1Z", "40", "41", "71", "72", "73", "77", "82", "85", "87", "DK", "DN", "DQ", "FA", "GB", "HK",
        "IL", "LI", "MSC", "PR", "PRP", "QB", "QC", "QD", "SEP", "TL", "TTP", "TU"
    };

    private static El stc01(String... entities) {
        return comp('R', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3, entities), N);
    }

    private static El procedure(char usage) {
        El code = r("ID", 2, 2, "AD", "ER", "HC", "HP", "IV", "N4", "NU");
        return comp(usage, code, r("AN", 1, 48), s("AN", 2, 2), s("AN", 2, 2), s("AN", 2, 2), s("AN", 2, 2), N, N);
    }

    /** CAS: the group, then six triplets of reason, amount and quantity (the first reason and amount required). */
    private static List<El> cas() {
        List<El> out = new ArrayList<>();
        out.add(r("ID", 1, 2, CAS_GROUPS));
        for (int n = 1; n <= 6; n++) {
            out.add(n == 1 ? r("ID", 1, 5) : s("ID", 1, 5));
            out.add(n == 1 ? r("R", 1, 18) : s("R", 1, 18));
            out.add(s("R", 1, 15));
        }
        return List.copyOf(out);
    }

    private static List<El> plb() {
        List<El> out = new ArrayList<>(List.of(r("AN", 1, 50), r("DT", 8, 8)));
        for (int n = 1; n <= 6; n++) {
            El reason = comp(n == 1 ? 'R' : 'S', r("ID", 2, 2, PLB_REASONS), s("AN", 1, 50));
            out.add(reason);
            out.add(n == 1 ? r("R", 1, 18) : s("R", 1, 18));
        }
        return List.copyOf(out);
    }

    private static final El SE01 = r("N0", 1, 10);
    private static final El ST02 = r("AN", 4, 9);

    /** Rules by transaction set, keyed "loop/TAG". */
    private static final Map<String, Map<String, List<El>>> RULES = Map.of(
            "999",
                    Map.ofEntries(
                            Map.entry("ST/ST", seg(r("ID", 3, 3, "999"), ST02, r("AN", 1, 35, "005010X231A1"))),
                            Map.entry(
                                    "HDR/AK1",
                                    seg(
                                            r("ID", 2, 2, "HC", "HN", "HP", "HS", "HR", "HI", "HB", "BE", "FA"),
                                            r("N0", 1, 9),
                                            r("AN", 1, 12))),
                            Map.entry(
                                    "2000/AK2",
                                    seg(
                                            r("ID", 3, 3, "837", "835", "277", "270", "276", "278", "820", "834"),
                                            r("AN", 4, 9),
                                            s("AN", 1, 35))),
                            Map.entry(
                                    "2100/IK3",
                                    seg(r("ID", 2, 3), r("N0", 1, 6), s("AN", 1, 4), s("ID", 1, 3, IK_ERRORS))),
                            Map.entry(
                                    "2000/IK5",
                                    seg(
                                            r("ID", 1, 1, "A", "E", "M", "R", "W", "X"),
                                            s("ID", 1, 3, IK5_ERRORS),
                                            s("ID", 1, 3, IK5_ERRORS),
                                            s("ID", 1, 3, IK5_ERRORS),
                                            s("ID", 1, 3, IK5_ERRORS),
                                            s("ID", 1, 3, IK5_ERRORS))),
                            Map.entry(
                                    "HDR/AK9",
                                    seg(
                                            r("ID", 1, 1, "A", "E", "M", "P", "R", "W", "X"),
                                            r("N0", 1, 6),
                                            r("N0", 1, 6),
                                            r("N0", 1, 6),
                                            s("ID", 1, 3, AK9_ERRORS),
                                            s("ID", 1, 3, AK9_ERRORS),
                                            s("ID", 1, 3, AK9_ERRORS),
                                            s("ID", 1, 3, AK9_ERRORS),
                                            s("ID", 1, 3, AK9_ERRORS))),
                            Map.entry("SE/SE", seg(SE01, ST02))),
            "277",
                    Map.ofEntries(
                            Map.entry("ST/ST", seg(r("ID", 3, 3, "277"), ST02, r("AN", 1, 35, "005010X214"))),
                            Map.entry(
                                    "HDR/BHT",
                                    seg(
                                            r("ID", 4, 4, "0085"),
                                            r("ID", 2, 2, "08"),
                                            r("AN", 1, 50),
                                            r("DT", 8, 8),
                                            r("TM", 4, 8),
                                            r("ID", 2, 2, "TH"))),
                            Map.entry("2000A/HL", seg(r("AN", 1, 12), N, r("ID", 1, 2, "20"), r("ID", 1, 1, "1"))),
                            Map.entry(
                                    "2000A/NM1",
                                    seg(
                                            r("ID", 2, 3, "PR", "AY"),
                                            r("ID", 1, 1, "2"),
                                            r("AN", 1, 60),
                                            N,
                                            N,
                                            N,
                                            N,
                                            r("ID", 1, 2, "46", "FI", "PI", "XV"),
                                            r("AN", 2, 80),
                                            N,
                                            N,
                                            N)),
                            Map.entry("2000A/TRN", seg(r("ID", 1, 2, "1"), r("AN", 1, 50), N, N)),
                            Map.entry(
                                    "2000A/DTP", seg(r("ID", 3, 3, "050", "009"), r("ID", 2, 3, "D8"), r("AN", 1, 35))),
                            Map.entry(
                                    "2000B/HL",
                                    seg(r("AN", 1, 12), r("AN", 1, 12), r("ID", 1, 2, "21"), r("ID", 1, 1, "0", "1"))),
                            Map.entry(
                                    "2000B/NM1",
                                    seg(
                                            r("ID", 2, 3, "41"),
                                            r("ID", 1, 1, "1", "2"),
                                            r("AN", 1, 60),
                                            s("AN", 1, 35),
                                            s("AN", 1, 25),
                                            N,
                                            N,
                                            r("ID", 1, 2, "46"),
                                            r("AN", 2, 80),
                                            N,
                                            N,
                                            N)),
                            Map.entry("2000B/TRN", seg(r("ID", 1, 2, "2"), r("AN", 1, 50), N, N)),
                            Map.entry(
                                    "2000B/STC",
                                    seg(
                                            stc01("36", "40", "41", "AY", "PR"),
                                            r("DT", 8, 8),
                                            r("ID", 1, 2, "U", "WQ"),
                                            r("R", 1, 18),
                                            N,
                                            N,
                                            N,
                                            N,
                                            N,
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            N)),
                            Map.entry("2000B/QTY", seg(r("ID", 2, 2, "90", "AA"), r("R", 1, 15), N, N)),
                            Map.entry("2000B/AMT", seg(r("ID", 1, 3, "YU", "YY"), r("R", 1, 18), N)),
                            Map.entry(
                                    "2000C/HL",
                                    seg(r("AN", 1, 12), r("AN", 1, 12), r("ID", 1, 2, "19"), r("ID", 1, 1, "0", "1"))),
                            Map.entry(
                                    "2000C/NM1",
                                    seg(
                                            r("ID", 2, 3, "85"),
                                            r("ID", 1, 1, "1", "2"),
                                            r("AN", 1, 60),
                                            s("AN", 1, 35),
                                            s("AN", 1, 25),
                                            s("AN", 1, 10),
                                            s("AN", 1, 10),
                                            r("ID", 1, 2, "FI", "SV", "XX"),
                                            r("AN", 2, 80),
                                            N,
                                            N)),
                            Map.entry("2000C/TRN", seg(r("ID", 1, 2, "1"), r("AN", 1, 50), N, N)),
                            // provider level: STC02 (status information effective date) is Not Used
                            Map.entry(
                                    "2000C/STC",
                                    seg(
                                            stc01("36", "40", "41", "77", "82", "85", "87", "AY", "PR"),
                                            N,
                                            r("ID", 1, 2, "U", "WQ"),
                                            r("R", 1, 18),
                                            N,
                                            N,
                                            N,
                                            N,
                                            N,
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            N)),
                            Map.entry(
                                    "2000C/REF",
                                    seg(r("ID", 2, 3, "0B", "1G", "G2", "LU", "SY", "TJ"), r("AN", 1, 50), N, N)),
                            Map.entry("2000C/QTY", seg(r("ID", 2, 2, "QA", "QC"), r("R", 1, 15), N, N)),
                            Map.entry("2000C/AMT", seg(r("ID", 1, 3, "YU", "YY"), r("R", 1, 18), N)),
                            Map.entry("2000D/HL", seg(r("AN", 1, 12), r("AN", 1, 12), r("ID", 1, 2, "PT"), N)),
                            Map.entry(
                                    "2000D/NM1",
                                    seg(
                                            r("ID", 2, 3, "QC"),
                                            r("ID", 1, 1, "1"),
                                            r("AN", 1, 60),
                                            s("AN", 1, 35),
                                            s("AN", 1, 25),
                                            s("AN", 1, 10),
                                            s("AN", 1, 10),
                                            r("ID", 1, 2, "II", "MI"),
                                            r("AN", 2, 80),
                                            N,
                                            N)),
                            Map.entry("2000D/TRN", seg(r("ID", 1, 2, "2"), r("AN", 1, 50), N, N)),
                            // claim level: STC02 required, STC12 (free-form message text) situational
                            Map.entry(
                                    "2000D/STC",
                                    seg(
                                            stc01(STC_277CA_CLAIM_ENTITIES),
                                            r("DT", 8, 8),
                                            r("ID", 1, 2, "U", "WQ"),
                                            r("R", 1, 18),
                                            N,
                                            N,
                                            N,
                                            N,
                                            N,
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            s("AN", 1, 264))),
                            Map.entry("2000D/REF", seg(r("ID", 2, 3, "1K", "D9", "BLT"), r("AN", 1, 50), N, N)),
                            Map.entry(
                                    "2000D/DTP", seg(r("ID", 3, 3, "472"), r("ID", 2, 3, "D8", "RD8"), r("AN", 1, 35))),
                            Map.entry(
                                    "2220D/SVC",
                                    seg(procedure('R'), r("R", 1, 18), N, s("AN", 1, 48), N, N, s("R", 1, 15))),
                            Map.entry(
                                    "2220D/STC",
                                    seg(
                                            stc01(STC_277CA_CLAIM_ENTITIES),
                                            r("DT", 8, 8),
                                            r("ID", 1, 2, "U"),
                                            N,
                                            N,
                                            N,
                                            N,
                                            N,
                                            N,
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            comp('S', r("AN", 1, 30), r("AN", 1, 30), s("ID", 2, 3), N),
                                            N)),
                            Map.entry("2220D/REF", seg(r("ID", 2, 3, "FJ", "XZ"), r("AN", 1, 50), N, N)),
                            Map.entry(
                                    "2220D/DTP", seg(r("ID", 3, 3, "472"), r("ID", 2, 3, "D8", "RD8"), r("AN", 1, 35))),
                            Map.entry("SE/SE", seg(SE01, ST02))),
            "835",
                    Map.ofEntries(
                            // ST03 is Not Used in the 835
                            Map.entry("ST/ST", seg(r("ID", 3, 3, "835"), ST02, N)),
                            Map.entry(
                                    "HDR/BPR",
                                    seg(
                                            r("ID", 1, 2, "C", "D", "H", "I", "P", "U", "X"),
                                            r("R", 1, 18),
                                            r("ID", 1, 1, "C", "D"),
                                            r("ID", 3, 3, "ACH", "BOP", "CHK", "FWT", "NON"),
                                            s("ID", 1, 10, "CCP", "CTX"),
                                            s("ID", 2, 2, "01", "04"),
                                            s("AN", 3, 12),
                                            s("ID", 1, 3, "DA"),
                                            s("AN", 1, 35),
                                            s("AN", 10, 10),
                                            s("AN", 9, 9),
                                            s("ID", 2, 2, "01", "04"),
                                            s("AN", 3, 12),
                                            s("ID", 1, 3, "DA", "SG"),
                                            s("AN", 1, 35),
                                            r("DT", 8, 8),
                                            N,
                                            N,
                                            N,
                                            N,
                                            N)),
                            Map.entry(
                                    "HDR/TRN",
                                    seg(r("ID", 1, 2, "1"), r("AN", 1, 50), r("AN", 10, 10), s("AN", 1, 50))),
                            Map.entry("HDR/REF", seg(r("ID", 2, 3, "EV", "F2"), r("AN", 1, 50), N, N)),
                            Map.entry("HDR/DTM", seg(r("ID", 3, 3, "405"), r("DT", 8, 8), N, N, N, N)),
                            Map.entry(
                                    "1000A/N1",
                                    seg(
                                            r("ID", 2, 3, "PR"),
                                            r("AN", 1, 60),
                                            s("ID", 1, 2, "XV"),
                                            s("AN", 2, 80),
                                            N,
                                            N)),
                            Map.entry("1000A/N3", seg(r("AN", 1, 55), s("AN", 1, 55))),
                            Map.entry(
                                    "1000A/N4",
                                    seg(
                                            r("AN", 2, 30),
                                            s("ID", 2, 2),
                                            s("ID", 3, 15),
                                            s("ID", 2, 3),
                                            N,
                                            N,
                                            s("ID", 1, 3))),
                            Map.entry("1000A/REF", seg(r("ID", 2, 3, "2U", "EO", "HI", "NF"), r("AN", 1, 50), N, N)),
                            Map.entry(
                                    "1000A/PER",
                                    seg(
                                            r("ID", 2, 2, "CX", "BL", "IC"),
                                            s("AN", 1, 60),
                                            s("ID", 2, 2, "EM", "TE", "UR", "FX"),
                                            s("AN", 1, 256),
                                            s("ID", 2, 2, "EM", "EX", "FX", "TE", "UR"),
                                            s("AN", 1, 256),
                                            s("ID", 2, 2, "EM", "EX", "FX", "UR"),
                                            s("AN", 1, 256),
                                            N)),
                            Map.entry(
                                    "1000B/N1",
                                    seg(
                                            r("ID", 2, 3, "PE"),
                                            r("AN", 1, 60),
                                            r("ID", 1, 2, "FI", "XV", "XX"),
                                            r("AN", 2, 80),
                                            N,
                                            N)),
                            Map.entry("1000B/N3", seg(r("AN", 1, 55), s("AN", 1, 55))),
                            Map.entry(
                                    "1000B/N4",
                                    seg(
                                            r("AN", 2, 30),
                                            s("ID", 2, 2),
                                            s("ID", 3, 15),
                                            s("ID", 2, 3),
                                            N,
                                            N,
                                            s("ID", 1, 3))),
                            Map.entry("1000B/REF", seg(r("ID", 2, 3, "0B", "D3", "PQ", "TJ"), r("AN", 1, 50), N, N)),
                            Map.entry("2000/LX", seg(r("N0", 1, 6))),
                            Map.entry(
                                    "2100/CLP",
                                    seg(
                                            r("AN", 1, 38),
                                            r("ID", 1, 2, CLAIM_STATUS),
                                            r("R", 1, 18),
                                            r("R", 1, 18),
                                            s("R", 1, 18),
                                            r(
                                                    "ID", 1, 2, "12", "13", "14", "15", "16", "17", "AM", "CH", "DS",
                                                    "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ"),
                                            r("AN", 1, 50),
                                            s("AN", 1, 2),
                                            s("ID", 1, 1),
                                            N,
                                            s("ID", 1, 4),
                                            s("R", 1, 15),
                                            s("R", 1, 10),
                                            N)),
                            Map.entry("2100/CAS", cas()),
                            Map.entry(
                                    "2100/NM1",
                                    seg(
                                            r("ID", 2, 3, "QC", "IL", "74", "82", "TT", "PR", "GB"),
                                            r("ID", 1, 1, "1", "2"),
                                            s("AN", 1, 60),
                                            s("AN", 1, 35),
                                            s("AN", 1, 25),
                                            N,
                                            s("AN", 1, 10),
                                            s(
                                                    "ID", 1, 2, "34", "HN", "II", "MI", "MR", "C", "BD", "BS", "FI",
                                                    "MC", "PC", "SL", "UP", "XX", "AD", "NI", "PI", "PP", "XV"),
                                            s("AN", 2, 80),
                                            N,
                                            N,
                                            N)),
                            Map.entry(
                                    "2100/REF",
                                    seg(
                                            r(
                                                    "ID", 2, 3, "1L", "1W", "28", "6P", "9A", "9C", "BB", "CE", "EA",
                                                    "F8", "G1", "G3", "IG", "SY", "0B", "1A", "1B", "1C", "1D", "1G",
                                                    "1H", "1J", "D3", "G2", "LU"),
                                            r("AN", 1, 50),
                                            N,
                                            N)),
                            Map.entry(
                                    "2100/DTM",
                                    seg(r("ID", 3, 3, "232", "233", "036", "050"), r("DT", 8, 8), N, N, N, N)),
                            Map.entry(
                                    "2100/AMT",
                                    seg(
                                            r(
                                                    "ID", 1, 3, "AU", "D8", "DY", "F5", "I", "NL", "T", "T2", "ZK",
                                                    "ZL", "ZM", "ZN", "ZO"),
                                            r("R", 1, 18),
                                            N)),
                            Map.entry(
                                    "2110/SVC",
                                    seg(
                                            procedure('R'),
                                            r("R", 1, 18),
                                            r("R", 1, 18),
                                            s("AN", 1, 48),
                                            s("R", 1, 15),
                                            procedure('S'),
                                            s("R", 1, 15))),
                            Map.entry("2110/DTM", seg(r("ID", 3, 3, "150", "151", "472"), r("DT", 8, 8), N, N, N, N)),
                            Map.entry("2110/CAS", cas()),
                            Map.entry(
                                    "2110/REF",
                                    seg(
                                            r(
                                                    "ID", 2, 3, "1S", "APC", "BB", "E9", "G1", "G3", "LU", "RB", "6R",
                                                    "0B", "1A", "1B", "1C", "1D", "1G", "1H", "1J", "D3", "G2", "HPI",
                                                    "SY", "TJ", "0K"),
                                            r("AN", 1, 50),
                                            N,
                                            N)),
                            Map.entry(
                                    "2110/AMT",
                                    seg(
                                            r("ID", 1, 3, "B6", "KH", "T", "T2", "ZK", "ZL", "ZM", "ZN", "ZO"),
                                            r("R", 1, 18),
                                            N)),
                            Map.entry("2110/LQ", seg(r("ID", 1, 3, "HE", "RX"), r("AN", 1, 30))),
                            Map.entry("FTR/PLB", plb()),
                            Map.entry("SE/SE", seg(SE01, ST02))));

    /** The segment order of each transaction set, as a pattern over its tags joined by blanks. */
    private static final Map<String, Pattern> ORDER = Map.of(
            "999", Pattern.compile("ST AK1( AK2( IK3( CTX)*( IK4( CTX)*)*)* IK5)* AK9 SE"),
            "277",
                    Pattern.compile("ST BHT HL NM1 TRN DTP DTP (HL NM1 TRN( STC)+( QTY){0,2}( AMT){0,2}"
                            + "( HL NM1( TRN( STC)+( REF)?( QTY){0,2}( AMT){0,2})?"
                            + "( HL NM1( TRN( STC)+( REF){0,3} DTP( SVC STC( REF){0,2}( DTP)?)*)?)+)+)+ SE"),
            "835",
                    Pattern.compile("ST BPR TRN( CUR)?( REF){0,2}( DTM)? N1 N3 N4( REF){0,4}( PER)+ N1( N3)?( N4)?"
                            + "( REF)*( RDM)?( LX( TS3)?( TS2)?( CLP( CAS)*( NM1)+( MIA)?( MOA)?( REF)*( DTM)*( PER)?"
                            + "( AMT)*( QTY)*( SVC( DTM){0,2}( CAS)*( REF)*( AMT)*( QTY)*( LQ)*)*)+)*( PLB)* SE"));

    // ------------------------------------------------------------------ checking

    /** Every rule the interchange breaks; empty when it conforms. */
    public static List<String> violations(byte[] x12) {
        List<Segment> segments = X12Segments.read(x12);
        List<String> out = new ArrayList<>();
        envelope(segments, out);
        Segment isa = segments.get(0);
        if (!"0".equals(isa.element(14))) {
            out.add("ISA14: a payer's response requests no TA1 (0), was " + isa.element(14));
        }
        List<Segment> tx = null;
        String type = null;
        String version = null;
        for (Segment s : segments) {
            switch (s.tag()) {
                case "GS" -> version = s.element(8);
                case "ST" -> {
                    tx = new ArrayList<>();
                    type = s.element(1);
                    tx.add(s);
                }
                case "SE" -> {
                    if (tx != null) {
                        tx.add(s);
                        transaction(type, version, tx, out);
                    }
                    tx = null;
                }
                case "TA1" -> ta1(s, isa, out);
                default -> {
                    if (tx != null) {
                        tx.add(s);
                    }
                }
            }
        }
        return out;
    }

    private static void envelope(List<Segment> segments, List<String> out) {
        Segment isa = segments.get(0);
        Segment iea = segments.get(segments.size() - 1);
        long groups = segments.stream().filter(s -> s.tag().equals("GS")).count();
        check(out, "IEA".equals(iea.tag()), "the interchange ends with IEA");
        check(out, String.valueOf(groups).equals(iea.element(1)), "IEA01 counts the functional groups");
        check(out, isa.element(13) != null && isa.element(13).equals(iea.element(2)), "IEA02 = ISA13");
        check(out, isa.element(13) != null && isa.element(13).matches("\\d{9}"), "ISA13 is nine digits");
        Segment gs = null;
        int transactions = 0;
        int inTransaction = 0;
        String st02 = null;
        for (Segment s : segments) {
            switch (s.tag()) {
                case "GS" -> {
                    gs = s;
                    transactions = 0;
                    check(out, isa.element(6).trim().equals(s.element(2)), "GS02 = ISA06 (the sender)");
                    check(out, isa.element(8).trim().equals(s.element(3)), "GS03 = ISA08 (the receiver)");
                    check(out, date(s.element(4)), "GS04 is a date CCYYMMDD");
                    check(out, "X".equals(s.element(7)), "GS07 = X");
                }
                case "GE" -> {
                    check(out, String.valueOf(transactions).equals(s.element(1)), "GE01 counts the transaction sets");
                    check(out, gs != null && gs.element(6).equals(s.element(2)), "GE02 = GS06");
                }
                case "ST" -> {
                    transactions++;
                    inTransaction = 1;
                    st02 = s.element(2);
                }
                case "SE" -> {
                    check(
                            out,
                            String.valueOf(inTransaction + 1).equals(s.element(1)),
                            "SE01 = " + (inTransaction + 1) + " segments ST..SE, was " + s.element(1));
                    check(out, st02 != null && st02.equals(s.element(2)), "SE02 = ST02");
                    inTransaction = 0;
                }
                default -> {
                    if (inTransaction > 0) {
                        inTransaction++;
                    }
                }
            }
        }
    }

    private static void ta1(Segment ta1, Segment isa, List<String> out) {
        String where = "TA1";
        element(where + "01", part(ta1, 1), r("N0", 9, 9), out);
        element(where + "02", part(ta1, 2), r("DT", 6, 6), out);
        element(where + "03", part(ta1, 3), r("TM", 4, 4), out);
        element(where + "04", part(ta1, 4), r("ID", 1, 1, "A", "E", "R"), out);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i <= 31; i++) {
            codes.add(String.format("%03d", i));
        }
        element(where + "05", part(ta1, 5), r("ID", 3, 3, codes.toArray(String[]::new)), out);
        check(out, !"A".equals(ta1.element(4)) || "000".equals(ta1.element(5)), "TA1 A carries note code 000");
        check(out, !"R".equals(ta1.element(4)) || !"000".equals(ta1.element(5)), "TA1 R carries its error code");
    }

    private static List<String> part(Segment s, int pos) {
        return pos <= s.elements().size() ? s.elements().get(pos - 1) : List.of();
    }

    private static void transaction(String type, String version, List<Segment> tx, List<String> out) {
        Map<String, List<El>> rules = RULES.get(type);
        if (rules == null) {
            out.add("transaction set " + type + " is not one the simulator answers with");
            return;
        }
        String expectedVersion = switch (type) {
            case "999" -> "005010X231A1";
            case "277" -> "005010X214";
            default -> "005010X221A1";
        };
        check(out, expectedVersion.equals(version), "GS08 = " + expectedVersion + " for a " + type);
        String tags = tx.stream().map(Segment::tag).collect(Collectors.joining(" "));
        check(out, ORDER.get(type).matcher(tags).matches(), type + " loop order: " + tags);
        String loop = "ST";
        for (Segment s : tx) {
            loop = loop(type, loop, s);
            List<El> rule = rules.get(loop + "/" + s.tag());
            if (rule == null) {
                out.add(type + " " + s.tag() + " is not a segment of loop " + loop);
                continue;
            }
            segment(type + " " + loop + " " + s.tag(), s, rule, out);
        }
        switch (type) {
            case "999" -> semantics999(tx, out);
            case "277" -> semantics277(tx, out);
            default -> semantics835(tx, out);
        }
    }

    private static String loop(String type, String current, Segment s) {
        return switch (type) {
            case "999" ->
                switch (s.tag()) {
                    case "ST" -> "ST";
                    case "AK1", "AK9" -> "HDR";
                    case "AK2", "IK5" -> "2000";
                    case "IK3" -> "2100";
                    case "IK4" -> "2110";
                    case "SE" -> "SE";
                    default -> current;
                };
            case "277" ->
                switch (s.tag()) {
                    case "ST" -> "ST";
                    case "BHT" -> "HDR";
                    case "HL" ->
                        switch (String.valueOf(s.element(3))) {
                            case "20" -> "2000A";
                            case "21" -> "2000B";
                            case "19" -> "2000C";
                            case "PT" -> "2000D";
                            default -> "HL?" + s.element(3);
                        };
                    case "SVC" -> "2220D";
                    case "SE" -> "SE";
                    default -> current;
                };
            default ->
                switch (s.tag()) {
                    case "ST" -> "ST";
                    case "BPR" -> "HDR";
                    case "N1" -> "PR".equals(s.element(1)) ? "1000A" : "1000B";
                    case "LX" -> "2000";
                    case "CLP" -> "2100";
                    case "SVC" -> "2110";
                    case "PLB" -> "FTR";
                    case "SE" -> "SE";
                    default -> current;
                };
        };
    }

    private static void segment(String where, Segment s, List<El> rule, List<String> out) {
        if (s.elements().size() > rule.size()) {
            out.add(where + " has " + s.elements().size() + " elements, the guide defines " + rule.size());
        }
        for (int i = 0; i < rule.size(); i++) {
            List<String> value = i < s.elements().size() ? s.elements().get(i) : List.of();
            element(String.format("%s%02d", where, i + 1), value, rule.get(i), out);
        }
    }

    private static void element(String where, List<String> value, El rule, List<String> out) {
        boolean present = value.stream().anyMatch(v -> v != null && !v.isEmpty());
        if (rule.usage() == 'N') {
            check(out, !present, where + " is Not Used but was sent: " + value);
            return;
        }
        if (!present) {
            check(out, rule.usage() != 'R', where + " is Required but missing");
            return;
        }
        if (!rule.components().isEmpty()) {
            if (value.size() > rule.components().size()) {
                out.add(where + " has " + value.size() + " components, the guide defines "
                        + rule.components().size());
            }
            for (int c = 0; c < rule.components().size(); c++) {
                String v = c < value.size() ? value.get(c) : null;
                element(
                        where + "-" + (c + 1),
                        v == null ? List.of() : List.of(v),
                        rule.components().get(c),
                        out);
            }
            return;
        }
        check(out, value.size() == 1, where + " is a simple element, was a composite " + value);
        String v = value.get(0);
        int length = switch (rule.type()) {
            case "R", "N0" -> v.replace("-", "").replace(".", "").length();
            default -> v.length();
        };
        check(
                out,
                length >= rule.min() && length <= rule.max(),
                where + " length " + length + " outside " + rule.min() + "/" + rule.max() + ": " + v);
        switch (rule.type()) {
            case "R" ->
                check(
                        out,
                        v.matches("-?(\\d+(\\.\\d*)?|\\.\\d+)")
                                && !v.matches(".*\\.\\d*0")
                                && !v.endsWith(".")
                                && !v.matches("-?0\\d.*"),
                        where + " is not an X12 decimal (R) without redundant zeros: " + v);
            case "N0" -> check(out, v.matches("\\d+"), where + " is not a whole number: " + v);
            case "DT" -> check(out, v.length() == 6 || date(v), where + " is not a date CCYYMMDD: " + v);
            case "TM" ->
                check(out, v.matches("([01]\\d|2[0-3])[0-5]\\d(\\d\\d(\\d{1,2})?)?"), where + " is not a time: " + v);
            default -> {}
        }
        if (!rule.codes().isEmpty()) {
            check(out, rule.codes().contains(v), where + " code " + v + " is not one the guide allows here");
        }
    }

    // ------------------------------------------------------------------ semantics

    private static void semantics999(List<Segment> tx, List<String> out) {
        long ak2 = tx.stream().filter(s -> s.tag().equals("AK2")).count();
        long accepted = 0;
        for (int i = 0; i < tx.size(); i++) {
            Segment s = tx.get(i);
            if (s.tag().equals("IK5")) {
                if ("A".equals(s.element(1)) || "E".equals(s.element(1))) {
                    accepted++;
                } else {
                    check(out, s.element(2) != null, "IK5 " + s.element(1) + " carries IK502 (the reason)");
                }
            }
        }
        Segment ak9 = tx.stream().filter(s -> s.tag().equals("AK9")).findFirst().orElseThrow();
        check(
                out,
                String.valueOf(accepted).equals(ak9.element(4)),
                "AK904 = the transaction sets accepted (" + accepted + "), was " + ak9.element(4));
        int included = Integer.parseInt(ak9.element(2));
        int received = Integer.parseInt(ak9.element(3));
        check(out, received <= included, "AK903 <= AK902");
        check(out, ak2 == 0 || ak2 == received, "one AK2 per transaction set received when any is reported");
        String status = ak9.element(1);
        if (ak2 > 0) {
            String expected = accepted == received ? "A" : accepted == 0 ? "R" : "P";
            check(
                    out,
                    expected.equals(status) || "E".equals(status),
                    "AK901 = " + expected + " for " + accepted + " of " + received + " accepted, was " + status);
        }
        if ("R".equals(status) && ak2 == 0) {
            check(out, ak9.element(5) != null, "a group rejected without AK2 names its reason in AK905");
            check(out, "0".equals(ak9.element(4)), "a rejected group accepts no transaction set");
        }
    }

    private static void semantics277(List<Segment> tx, List<String> out) {
        Set<String> rejecting = Set.of("A3", "A4", "A6", "A7", "A8");
        String level = "";
        Map<String, String> parents = new HashMap<>();
        for (Segment s : tx) {
            if (s.tag().equals("HL")) {
                level = s.element(3);
                if (s.element(2) != null) {
                    check(out, parents.containsKey(s.element(2)), "HL02 " + s.element(2) + " names an earlier HL");
                }
                parents.put(s.element(1), level);
            }
            if (s.tag().equals("STC") && "PT".equals(level) && rejecting.contains(s.component(1, 1))) {
                check(out, s.element(12) != null, "a rejected claim's STC carries the payer's reason in STC12");
                check(out, "U".equals(s.element(3)), "a rejected claim's STC03 is U");
            }
            if (s.tag().equals("STC")
                    && "PT".equals(level)
                    && s.component(1, 1) != null
                    && s.component(1, 1).startsWith("A")
                    && !rejecting.contains(s.component(1, 1))) {
                check(out, "WQ".equals(s.element(3)), "an accepted claim's STC03 is WQ");
            }
        }
    }

    private static void semantics835(List<Segment> tx, List<String> out) {
        Segment bpr = tx.get(1);
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal plb = BigDecimal.ZERO;
        String payeeId = null;
        Claim claim = null;
        Line line = null;
        List<Claim> claims = new ArrayList<>();
        for (Segment s : tx) {
            switch (s.tag()) {
                case "N1" -> {
                    if ("PE".equals(s.element(1))) {
                        payeeId = s.element(4);
                    }
                }
                case "CLP" -> {
                    claim = new Claim(s);
                    claims.add(claim);
                    line = null;
                    paid = paid.add(amount(s.element(4)));
                }
                case "SVC" -> {
                    line = new Line(s);
                    claim.lines.add(line);
                }
                case "CAS" -> {
                    Set<String> groups = line != null ? line.groups : claim.groups;
                    check(out, groups.add(s.element(1)), "CAS group " + s.element(1) + " appears once per loop");
                    for (int i = 2; i <= 17; i += 3) {
                        String reason = s.element(i);
                        String amount = s.element(i + 1);
                        check(out, (reason == null) == (amount == null), "CAS reason and amount come in pairs");
                        if (reason != null && amount != null) {
                            BigDecimal a = amount(amount);
                            if (line != null) {
                                line.adjusted = line.adjusted.add(a);
                            } else {
                                claim.claimAdjusted = claim.claimAdjusted.add(a);
                            }
                            if ("PR".equals(s.element(1))) {
                                claim.patient = claim.patient.add(a);
                            }
                        }
                    }
                }
                case "PLB" -> {
                    check(
                            out,
                            s.element(1) != null && s.element(1).equals(payeeId),
                            "PLB01 is the payee's identifier (N104 of N1*PE)");
                    check(
                            out,
                            s.element(2) != null && s.element(2).endsWith("1231"),
                            "PLB02 is the last day of the provider's fiscal year (CCYY1231 by default)");
                    for (int i = 3; i <= 13; i += 2) {
                        if (s.element(i) != null) {
                            check(out, s.element(i + 1) != null, "each PLB adjustment has its amount");
                            if (s.element(i + 1) != null) {
                                plb = plb.add(amount(s.element(i + 1)));
                            }
                            String reason = s.component(i, 1);
                            if (List.of("WO", "L6", "FB", "72", "J1", "WU").contains(reason)) {
                                check(out, s.component(i, 2) != null, "PLB " + reason + " names what it adjusts");
                            }
                            if ("L6".equals(reason) && s.element(i + 1) != null) {
                                check(
                                        out,
                                        amount(s.element(i + 1)).signum() < 0,
                                        "interest paid (L6) is a negative PLB amount (it adds to the payment)");
                            }
                            if ("WO".equals(reason) && s.element(i + 1) != null) {
                                check(
                                        out,
                                        amount(s.element(i + 1)).signum() > 0,
                                        "a recoupment (WO) is a positive PLB amount (it reduces the payment)");
                            }
                        }
                    }
                }
                default -> {}
            }
        }
        for (Claim c : claims) {
            String pcn = c.clp.element(1);
            BigDecimal charge = amount(c.clp.element(3));
            BigDecimal claimPaid = amount(c.clp.element(4));
            BigDecimal adjusted = c.claimAdjusted;
            BigDecimal lineCharges = BigDecimal.ZERO;
            for (Line l : c.lines) {
                BigDecimal lineCharge = amount(l.svc.element(2));
                BigDecimal linePaid = amount(l.svc.element(3));
                check(
                        out,
                        lineCharge.subtract(linePaid).compareTo(l.adjusted) == 0,
                        "claim " + pcn + " line " + l.svc.element(1) + ": SVC02 - SVC03 = the line's CAS amounts");
                adjusted = adjusted.add(l.adjusted);
                lineCharges = lineCharges.add(lineCharge);
            }
            check(
                    out,
                    charge.subtract(claimPaid).compareTo(adjusted) == 0,
                    "claim " + pcn + ": CLP03 - CLP04 = all its CAS amounts");
            if (!c.lines.isEmpty()) {
                check(out, lineCharges.compareTo(charge) == 0, "claim " + pcn + ": sum(SVC02) = CLP03");
            }
            BigDecimal patient = c.clp.element(5) == null ? BigDecimal.ZERO : amount(c.clp.element(5));
            check(
                    out,
                    patient.compareTo(c.patient) == 0,
                    "claim " + pcn + ": CLP05 = the PR adjustments (" + c.patient + "), was " + patient);
            if ("22".equals(c.clp.element(2))) {
                check(
                        out,
                        charge.signum() <= 0 && claimPaid.signum() <= 0,
                        "a reversal (CLP02 22) carries negative amounts");
            } else {
                check(out, charge.signum() >= 0, "claim " + pcn + ": only a reversal has a negative charge");
            }
        }
        BigDecimal total = amount(bpr.element(2));
        check(
                out,
                total.compareTo(paid.subtract(plb)) == 0,
                "BPR02 (" + total + ") = sum(CLP04) - sum(PLB) (" + paid.subtract(plb) + ")");
        check(out, total.signum() >= 0, "BPR02 is never negative");
        if (total.signum() == 0) {
            check(
                    out,
                    "H".equals(bpr.element(1)) && "NON".equals(bpr.element(4)),
                    "a zero payment is BPR01 H, BPR04 NON");
        } else {
            check(out, "I".equals(bpr.element(1)) || "C".equals(bpr.element(1)), "a payment is BPR01 I or C");
            check(out, !"NON".equals(bpr.element(4)), "a payment names its method (BPR04 not NON)");
        }
        Segment trn = tx.get(2);
        check(
                out,
                trn.element(3) != null && trn.element(3).matches("1\\d{9}"),
                "TRN03 is 1 followed by the payer's nine-digit EIN");
    }

    private static final class Claim {
        final Segment clp;
        final List<Line> lines = new ArrayList<>();
        final Set<String> groups = new HashSet<>();
        BigDecimal claimAdjusted = BigDecimal.ZERO;
        BigDecimal patient = BigDecimal.ZERO;

        Claim(Segment clp) {
            this.clp = clp;
        }
    }

    private static final class Line {
        final Segment svc;
        final Set<String> groups = new HashSet<>();
        BigDecimal adjusted = BigDecimal.ZERO;

        Line(Segment svc) {
            this.svc = svc;
        }
    }

    private static BigDecimal amount(String value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value);
    }

    private static boolean date(String value) {
        try {
            LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE);
            return value.length() == 8;
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    private static void check(List<String> out, boolean ok, String rule) {
        if (!ok) {
            out.add(rule);
        }
    }
}
