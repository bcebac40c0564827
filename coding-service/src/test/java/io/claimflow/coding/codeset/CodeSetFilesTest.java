package io.claimflow.coding.codeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CMS release layouts read right, and a malformed file is refused with its line number. */
class CodeSetFilesTest {

    static final String ORDER = String.format(
                    "%-5s %-7s %s %-60s %s%n",
                    "00001", "E11", "0", "Type 2 diabetes mellitus", "Type 2 diabetes mellitus")
            + String.format(
                    "%-5s %-7s %s %-60s %s%n",
                    "00002",
                    "E119",
                    "1",
                    "Type 2 diabetes mellitus without complications",
                    "Type 2 diabetes mellitus without complications")
            + String.format(
                    "%-5s %-7s %s %-60s %s%n",
                    "00003",
                    "S39012A",
                    "1",
                    "Strain of muscle, fascia and tendon of lower back, init",
                    "Strain of muscle, fascia and tendon of " + "lower back, initial encounter");

    @Test
    void icdOrderFile() {
        List<IcdOrderFile.Entry> entries = IcdOrderFile.parse(new StringReader(ORDER));

        assertThat(entries).extracting(IcdOrderFile.Entry::code).containsExactly("E11", "E11.9", "S39.012A");
        assertThat(entries).extracting(IcdOrderFile.Entry::billable).containsExactly(false, true, true);
        assertThat(entries.get(2).longDescription())
                .isEqualTo("Strain of muscle, fascia and tendon of lower back, initial encounter");
        assertThat(entries.get(2).shortDescription())
                .isEqualTo("Strain of muscle, fascia and tendon of lower back, init");
    }

    @Test
    void icdOrderFileWithAWrongFlagNamesTheLine() {
        String bad = ORDER + String.format("%-5s %-7s %s %-60s %s%n", "00004", "I10", "X", "Hypertension", "x");

        assertThatThrownBy(() -> IcdOrderFile.parse(new StringReader(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ICD-10-CM order file line 4: column 15 must be 0 (header) or 1 (valid for billing)");
    }

    static String hcpcsRecord(
            String code,
            String seq,
            char recordId,
            String longText,
            String shortText,
            String effective,
            String termination) {
        char[] record = " ".repeat(320).toCharArray();
        put(record, 1, code);
        put(record, 6, seq);
        record[10] = recordId;
        put(record, 12, longText);
        if (shortText != null) {
            put(record, 92, shortText);
            put(record, 277, effective);
            put(record, 285, termination);
        }
        return new String(record).stripTrailing() + "\n";
    }

    private static void put(char[] record, int position, String text) {
        for (int i = 0; i < text.length(); i++) {
            record[position - 1 + i] = text.charAt(i);
        }
    }

    @Test
    void hcpcsFileJoinsContinuationsAndReadsDatesAndModifiers() {
        String file = hcpcsRecord(
                        "J3420",
                        "00100",
                        '3',
                        "Injection, vitamin b-12 cyanocobalamin, up to 1000",
                        "Vitamin b12 injection",
                        "20020101",
                        "")
                + hcpcsRecord("J3420", "00200", '4', "mcg", null, null, null)
                + hcpcsRecord(
                        "G0101",
                        "00100",
                        '3',
                        "Cervical or vaginal cancer screening",
                        "Ca screen;pelvic/breast",
                        "20010701",
                        "20261231")
                + hcpcsRecord("   XS", "00100", '7', "Separate structure", "Separate structure", "20150101", "");

        List<HcpcsFile.Entry> entries = HcpcsFile.parse(new StringReader(file));

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).longDescription())
                .isEqualTo("Injection, vitamin b-12 cyanocobalamin, up to 1000 mcg");
        assertThat(entries.get(1).terminationDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(entries.get(2).code()).isEqualTo("XS");
        assertThat(entries.get(2).modifier()).isTrue();
    }

    @Test
    void ncciPtpTextFileSkipsItsTitleRows() {
        String file = "CMS NCCI PTP edits\nColumn1\tColumn2\t*\tEffective Date\tDeletion Date\tModifier\tRationale\n"
                + "17000\t11102\t\t20190101\t*\t1\tMisuse of column two code with column one code\n"
                + "93000\t93010\t*\t19960101\t20251231\t0\tStandards of medical / surgical practice\n";

        List<NcciPtpFile.Entry> entries = NcciPtpFile.parse(new StringReader(file));

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).modifierIndicator()).isEqualTo('1');
        assertThat(entries.get(0).deleted()).isNull();
        assertThat(entries.get(1).deleted()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    void mueCsvWithCmsIndicatorText() {
        String file = "\"HCPCS/CPT Code\",\"Practitioner Services MUE Values\",\"MUE Adjudication Indicator\","
                + "\"MUE Rationale\"\n\"20610\",\"2\",\"1 Line Edit\",\"Anatomic Consideration\"\n"
                + "\"17110\",\"1\",\"2 Date of Service Edit: Policy\",\"Code Descriptor\"\n";

        List<MueFile.Entry> entries = MueFile.parse(new StringReader(file));

        assertThat(entries).extracting(MueFile.Entry::adjudicationIndicator).containsExactly('1', '2');
        assertThat(entries.get(0).maxUnits()).isEqualTo(2);
    }

    @Test
    void mueQuotedFieldsKeepTheirCommasAndQuotesAndTabTextIsReadToo() {
        String file = "\"HCPCS/CPT Code\",\"MUE\",\"MAI\",\"Rationale\"\n"
                + "\"20610\",\"2\",\"1 Line Edit\",\"Anatomic Consideration, \"\"bilateral\"\"\"\n"
                + "17110\t1\t2 Date of Service Edit: Policy\tCode Descriptor\n";

        List<MueFile.Entry> entries = MueFile.parse(new StringReader(file));

        assertThat(entries)
                .extracting(MueFile.Entry::rationale)
                .containsExactly("Anatomic Consideration, \"bilateral\"", "Code Descriptor");
    }

    @Test
    void aRowWithAnOpenQuoteIsRefusedWithItsLineNumberNotItsText() {
        String file = "\"HCPCS/CPT Code\",\"MUE\",\"MAI\",\"Rationale\"\n\"20610\",\"2\",\"1 Line Edit\",\"x\"\n"
                + "\"17110,\"1\",\"2 Date\",\"secret rationale\n";

        assertThatThrownBy(() -> MueFile.parse(new StringReader(file)))
                .isInstanceOf(CodeSetFileException.class)
                .hasMessage("MUE file line 3: malformed quoting");
    }

    @Test
    void editTableNotesKeepTheirCommasAndCptReadsTabsAfterAByteOrderMark() {
        EditTablesFile.Edits edits = EditTablesFile.parseEdits(new StringReader("# kind,code,other,min,max,note\n"
                + "SEX,O,F,,,Pregnancy, childbirth and the puerperium: female only\n"
                + "AGE,P,,0,0,Perinatal, newborn only\n"));
        List<CptFile.Entry> cpt = CptFile.parse(new StringReader("\uFEFF99213\tOffice visit, established\n"));

        assertThat(edits.demographics())
                .extracting(r -> r.note())
                .containsExactly("Pregnancy, childbirth and the puerperium: female only", "Perinatal, newborn only");
        assertThat(cpt)
                .containsExactly(new CptFile.Entry("99213", "Office visit, established", "Office visit, established"));
    }

    @Test
    void releaseRanges() {
        assertThat(CodeSetImporter.release(
                        CodeSetKind.ICD10CM, new CodeSetImporter.ReleaseSpec(2026, null, null, null, null), "x"))
                .isEqualTo(new Release("ICD-10-CM", "2026", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30), "x"));
        assertThat(CodeSetImporter.release(
                        CodeSetKind.NCCI_PTP, new CodeSetImporter.ReleaseSpec(2026, 2, null, null, null), "x"))
                .isEqualTo(new Release("NCCI-PTP", "2026Q2", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30), "x"));
        assertThatThrownBy(() -> CodeSetImporter.release(
                        CodeSetKind.MUE, new CodeSetImporter.ReleaseSpec(null, null, null, null, null), "x"))
                .hasMessageContaining("year");
    }

    @Test
    void theShippedStarterFilesParse() {
        for (StarterSet.File file : StarterSet.FILES) {
            assertThat(getClass().getClassLoader().getResource(file.resource()))
                    .as(file.resource())
                    .isNotNull();
        }
        assertThat(IcdOrderFile.parse(new java.io.InputStreamReader(
                        getClass().getClassLoader().getResourceAsStream("codesets/icd10cm-order-starter.txt"))))
                .hasSizeGreaterThan(150);
    }
}
