package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DraftLine}: merging the same service documented twice, and numbering. */
class DraftLineTest {

    static DraftLine draft(String code, int units, String side, Drug drug, String... modifiers) {
        return new DraftLine(code, CodeSystem.CPT, code, units, side, "", drug, List.of(modifiers));
    }

    @Test
    void theSameCodeOnTheSameSideIsOneLineWithTheUnitsAdded() {
        List<DraftLine> merged = DraftLine.merge(List.of(
                draft("20610", 1, "RT", null),
                draft("11102", 1, null, null),
                draft("20610", 2, "RT", null),
                draft("20610", 1, "LT", null),
                draft("11102", 1, null, null, "59")));

        assertThat(merged)
                .extracting(d -> d.code() + "/" + d.laterality() + "/" + d.modifiers() + "x" + d.units())
                .containsExactly("20610/RT/[]x3", "11102/null/[]x1", "20610/LT/[]x1", "11102/null/[59]x1");
    }

    @Test
    void drugLinesStayApartEachWithItsNdc() {
        Drug first = new Drug("00003029305", new BigDecimal("40"), "MILLIGRAM");
        Drug second = new Drug("00003029306", new BigDecimal("20"), "MILLIGRAM");

        List<DraftLine> merged =
                DraftLine.merge(List.of(draft("J3301", 4, null, first), draft("J3301", 2, null, second)));

        assertThat(merged).extracting(DraftLine::drug).containsExactly(first, second);
    }

    @Test
    void linesAreNumberedFromOneWithoutPointers() {
        List<CodedLine> lines =
                DraftLine.number(List.of(draft("99213", 1, null, null), draft("J3301", 4, null, null, "JZ")));

        assertThat(lines).extracting(CodedLine::lineNumber).containsExactly(1, 2);
        assertThat(lines.get(1).modifiers()).containsExactly("JZ");
        assertThat(lines.get(1).units()).isEqualTo(4);
        assertThat(lines).allMatch(l -> l.pointers().isEmpty());
    }
}
