package io.claimflow.coding.rules;

import io.claimflow.coding.codeset.CptFile;
import io.claimflow.coding.codeset.EditTablesFile;
import io.claimflow.coding.codeset.HcpcsFile;
import io.claimflow.coding.codeset.IcdOrderFile;
import io.claimflow.coding.codeset.MueFile;
import io.claimflow.coding.codeset.NcciPtpFile;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shipped starter code set, read with the production parsers into memory, for rule tests without a database.
 * Rows carry validity ranges like the tables do.
 */
final class InMemoryCodeSets implements CodeSets {

    record Valid<T>(T value, LocalDate from, LocalDate to) {
        boolean on(LocalDate dos) {
            return !dos.isBefore(from) && (to == null || !dos.isAfter(to));
        }
    }

    static final LocalDate FROM = LocalDate.of(2024, 10, 1);

    final List<Valid<IcdCode>> icd = new ArrayList<>();
    final List<Valid<ProcedureCode>> procedures = new ArrayList<>();
    final List<Valid<String>> modifiers = new ArrayList<>();
    final List<Valid<NcciPair>> ncci = new ArrayList<>();
    final List<Valid<MueLimit>> mue = new ArrayList<>();
    final List<Excludes1> excludes = new ArrayList<>();
    final List<DemographicRule> demographics = new ArrayList<>();
    final List<EditTablesFile.Indication> indications = new ArrayList<>();

    static InMemoryCodeSets starter() {
        InMemoryCodeSets sets = new InMemoryCodeSets();
        for (IcdOrderFile.Entry e : IcdOrderFile.parse(resource("codesets/icd10cm-order-starter.txt"))) {
            sets.addIcd(e, FROM, null);
        }
        for (HcpcsFile.Entry e : HcpcsFile.parse(resource("codesets/hcpcs-anweb-starter.txt"))) {
            if (e.modifier()) {
                sets.modifiers.add(new Valid<>(e.code(), FROM, null));
            } else {
                sets.procedures.add(new Valid<>(
                        new ProcedureCode(e.code(), CodeSystem.HCPCS, e.shortDescription(), e.longDescription()),
                        FROM,
                        null));
            }
        }
        for (CptFile.Entry e : CptFile.parse(resource("codesets/cpt-starter.tsv"))) {
            sets.procedures.add(new Valid<>(
                    new ProcedureCode(e.code(), CodeSystem.CPT, e.shortDescription(), e.longDescription()),
                    FROM,
                    null));
        }
        for (NcciPtpFile.Entry e : NcciPtpFile.parse(resource("codesets/ncci-ptp-practitioner-starter.txt"))) {
            sets.ncci.add(new Valid<>(
                    new NcciPair(e.column1(), e.column2(), e.modifierIndicator()), e.effective(), e.deleted()));
        }
        for (MueFile.Entry e : MueFile.parse(resource("codesets/mue-practitioner-starter.csv"))) {
            sets.mue.add(new Valid<>(new MueLimit(e.code(), e.maxUnits(), e.adjudicationIndicator()), FROM, null));
        }
        EditTablesFile.Edits edits = EditTablesFile.parseEdits(resource("codesets/icd10cm-edits-starter.csv"));
        sets.excludes.addAll(edits.excludes1());
        sets.demographics.addAll(edits.demographics());
        sets.indications.addAll(
                EditTablesFile.parseIndications(resource("codesets/procedure-indications-starter.csv")));
        return sets;
    }

    void addIcd(IcdOrderFile.Entry e, LocalDate from, LocalDate to) {
        icd.add(new Valid<>(new IcdCode(e.code(), e.billable(), e.shortDescription(), e.longDescription()), from, to));
    }

    static Reader resource(String name) {
        InputStream in = InMemoryCodeSets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " not on the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static <T> Optional<T> latest(List<Valid<T>> rows, java.util.function.Predicate<T> match, LocalDate dos) {
        return rows.stream()
                .filter(r -> match.test(r.value()) && r.on(dos))
                .max(Comparator.comparing(Valid::from))
                .map(Valid::value);
    }

    @Override
    public Optional<IcdCode> icd(String code, LocalDate dos) {
        return latest(icd, c -> c.code().equals(code), dos);
    }

    @Override
    public boolean icdKnownOnAnyDate(String code) {
        return icd.stream().anyMatch(r -> r.value().code().equals(code));
    }

    @Override
    public List<IcdCode> icdBillableUnder(String header, LocalDate dos, int limit) {
        return icd.stream()
                .filter(r ->
                        r.on(dos) && r.value().billable() && r.value().code().startsWith(header))
                .map(Valid::value)
                .limit(limit)
                .toList();
    }

    @Override
    public List<IcdCode> icdByDescription(String text, LocalDate dos, int limit) {
        List<String> words = words(text);
        return icd.stream()
                .filter(r -> r.on(dos) && r.value().billable())
                .map(Valid::value)
                .filter(c -> words.stream()
                        .allMatch(w ->
                                c.longDescription().toLowerCase(Locale.ROOT).contains(w)))
                .sorted(Comparator.comparing(c -> c.longDescription().length()))
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<ProcedureCode> procedure(String code, LocalDate dos) {
        return latest(procedures, p -> p.code().equals(code), dos);
    }

    @Override
    public boolean procedureKnownOnAnyDate(String code) {
        return procedures.stream().anyMatch(r -> r.value().code().equals(code));
    }

    @Override
    public List<ProcedureCode> proceduresByDescription(String text, LocalDate dos, int limit) {
        List<String> words = words(text);
        return procedures.stream()
                .filter(r -> r.on(dos))
                .map(Valid::value)
                .filter(p -> words.stream()
                        .allMatch(w -> (p.longDescription() + " " + p.shortDescription())
                                .toLowerCase(Locale.ROOT)
                                .contains(w)))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean modifierValid(String modifier, LocalDate dos) {
        return modifiers.stream().anyMatch(r -> r.value().equals(modifier) && r.on(dos));
    }

    @Override
    public List<NcciPair> ncciPairs(Collection<String> codes, LocalDate dos) {
        return ncci.stream()
                .filter(r -> r.on(dos)
                        && codes.contains(r.value().column1())
                        && codes.contains(r.value().column2()))
                .map(Valid::value)
                .toList();
    }

    @Override
    public Optional<MueLimit> mue(String code, LocalDate dos) {
        return latest(mue, m -> m.code().equals(code), dos);
    }

    @Override
    public List<Excludes1> excludes1(Collection<String> icdCodes, LocalDate dos) {
        return excludes.stream()
                .filter(e -> icdCodes.stream().anyMatch(c -> c.startsWith(e.codePrefix())))
                .toList();
    }

    @Override
    public List<DemographicRule> demographicRules(Collection<String> codes, LocalDate dos) {
        return demographics.stream()
                .filter(d -> codes.stream().anyMatch(d::matches))
                .toList();
    }

    @Override
    public List<String> indications(String procedureCode, LocalDate dos) {
        return indications.stream()
                .filter(i -> i.procedureCode().equals(procedureCode))
                .map(EditTablesFile.Indication::icdPrefix)
                .toList();
    }

    @Override
    public List<CodeSetVersion> versionsOn(LocalDate dos) {
        return List.of(new CodeSetVersion("ICD-10-CM", "starter"));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", " ")
                        .trim()
                        .split(" "))
                .filter(w -> w.length() >= 3)
                .toList();
    }
}
