package io.claimflow.coding.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drug and vaccine lines: each administered item to its HCPCS or CPT code with units from the HCPCS dosage
 * descriptor (a drug) or the counted quantity; CVX vaccines to their product code and RxNorm drugs to a HCPCS code
 * through the crosswalk; the vaccine administration codes when none was documented.
 */
final class AdministeredItemLines {

    private static final Pattern DOSE = Pattern.compile(
            "(?:per|up to|,)\\s*(\\d+(?:\\.\\d+)?)\\s*(mg|mcg|ml|units?|gm?)\\b", Pattern.CASE_INSENSITIVE);

    private final CodeSets codeSets;
    private final Crosswalk crosswalk;
    private final ProcedureSelection procedures;

    AdministeredItemLines(CodeSets codeSets, Crosswalk crosswalk, ProcedureSelection procedures) {
        this.codeSets = codeSets;
        this.crosswalk = crosswalk;
        this.procedures = procedures;
    }

    /**
     * The administered items as draft lines, in documented order, then the vaccine administration codes when a
     * vaccine was given without one documented.
     */
    List<DraftLine> lines(CodingRun run) {
        List<DraftLine> drafts = new ArrayList<>();
        List<String> vaccines = new ArrayList<>();
        boolean adminDocumented = run.encounter().procedures().stream()
                .anyMatch(p -> p.code() != null && Immunizations.ADMINISTRATION.contains(p.code()));
        int position = 0;
        for (AdministeredItem item : run.encounter().administeredItems()) {
            position++;
            if (item.code().system() == CodeSystem.RXNORM) {
                drugFromRxnorm(run, item).ifPresent(drafts::add);
                continue;
            }
            Optional<ProcedureCode> code = switch (item.code().system()) {
                case SNOMED_CT -> procedures.fromSnomed(run, item.code().code(), position);
                case NONE -> procedures.fromText(run, item.code().text(), position);
                case CVX -> vaccineFromCvx(run, item.code().code(), position);
                default -> procedures.resolve(run, item.code(), position);
            };
            if (code.isEmpty()) {
                continue;
            }
            Optional<Integer> units = units(item, code.get());
            if (units.isEmpty()) {
                run.hold(
                        "UNITS-UNCLEAR",
                        "Units of " + code.get().code() + " cannot be derived from the documented "
                                + "quantity and unit");
                continue;
            }
            Drug drug = item.ndc() == null ? null : new Drug(item.ndc(), item.quantity(), item.unit());
            // modifiers documented with a drug (JZ no waste, JW discarded amount) stay on its line
            drafts.add(new DraftLine(
                    code.get().code(),
                    code.get().system(),
                    code.get().shortDescription(),
                    units.get(),
                    item.code().laterality(),
                    item.code().text(),
                    drug,
                    item.code().modifiers()));
            if (item.vaccine() || item.code().system() == CodeSystem.CVX) {
                vaccines.add(code.get().code());
            }
        }
        if (!vaccines.isEmpty() && !adminDocumented) {
            Immunizations.administration(vaccines, run.encounter().medicare())
                    .forEach((admin, count) ->
                            procedures.draft(run, admin, count).ifPresent(drafts::add));
            run.note(new Edit(
                    EditType.OTHER,
                    "VACCINE-ADMINISTRATION",
                    Severity.INFO,
                    vaccines.size() + " vaccine(s) given without a documented administration code",
                    List.of(),
                    vaccines,
                    "Added the administration code(s)"));
        }
        return drafts;
    }

    /** A vaccine documented in CVX: its product CPT code from the crosswalk. */
    private Optional<ProcedureCode> vaccineFromCvx(CodingRun run, String cvx, int position) {
        Optional<Crosswalk.Target> target = crosswalk.vaccine(cvx);
        if (target.isEmpty()) {
            run.hold(
                    "CVX-UNMAPPED",
                    "CVX " + cvx + " (administered item " + position + ") has no vaccine product "
                            + "CPT code in the crosswalk");
            return Optional.empty();
        }
        Optional<ProcedureCode> code = codeSets.procedure(target.get().code(), run.dos());
        if (code.isEmpty()) {
            procedures.missing(
                    run, "CVX " + cvx + " maps to vaccine product", target.get().code());
        }
        return code;
    }

    /**
     * A drug documented in RxNorm: its HCPCS code and units per administration from the crosswalk, times the
     * number of administrations documented; a drug without a HCPCS code is not billed, with a note, and never
     * holds the encounter.
     */
    private Optional<DraftLine> drugFromRxnorm(CodingRun run, AdministeredItem item) {
        String rxnorm = item.code().code();
        Optional<Crosswalk.DrugTarget> target = crosswalk.drug(rxnorm).filter(Crosswalk.DrugTarget::billed);
        if (target.isEmpty()) {
            String why = crosswalk
                    .drug(rxnorm)
                    .map(Crosswalk.DrugTarget::description)
                    .orElse("no HCPCS drug code in the crosswalk");
            run.note(new Edit(
                    EditType.OTHER,
                    "DRUG-NOT-BILLED",
                    Severity.INFO,
                    "RxNorm " + rxnorm + " given: " + why,
                    List.of(),
                    List.of(rxnorm),
                    "Not billed"));
            return Optional.empty();
        }
        Optional<ProcedureCode> code = codeSets.procedure(target.get().hcpcs(), run.dos());
        if (code.isEmpty()) {
            procedures.missing(
                    run, "RxNorm " + rxnorm + " maps to drug", target.get().hcpcs());
            return Optional.empty();
        }
        BigDecimal quantity = item.quantity();
        int administrations = "UNIT".equals(item.unit())
                        && quantity != null
                        && quantity.signum() > 0
                        && quantity.stripTrailingZeros().scale() <= 0
                ? quantity.intValue()
                : 1;
        int units = target.get().unitsPerAdministration() * administrations;
        run.note(new Edit(
                EditType.OTHER,
                "DRUG-RXNORM",
                Severity.INFO,
                "RxNorm " + rxnorm + " is " + target.get().hcpcs() + " x"
                        + target.get().unitsPerAdministration() + " per administration",
                List.of(),
                List.of(rxnorm, target.get().hcpcs()),
                "Billed " + units + " unit(s)"));
        Drug drug = item.ndc() == null ? null : new Drug(item.ndc(), item.quantity(), item.unit());
        return Optional.of(new DraftLine(
                code.get().code(),
                code.get().system(),
                code.get().shortDescription(),
                units,
                null,
                item.code().text(),
                drug,
                item.code().modifiers()));
    }

    /** Units: a drug per its HCPCS dosage (ceil of quantity / dose), a counted item by its quantity. */
    static Optional<Integer> units(AdministeredItem item, ProcedureCode code) {
        BigDecimal quantity = item.quantity() == null ? BigDecimal.ONE : item.quantity();
        if (quantity.signum() <= 0) {
            return Optional.empty();
        }
        Matcher dose = DOSE.matcher(code.longDescription());
        if (code.system() == CodeSystem.HCPCS && dose.find()) {
            BigDecimal perUnit = new BigDecimal(dose.group(1));
            String doseUnit = dose.group(2).toLowerCase(Locale.ROOT);
            Optional<BigDecimal> amount = convert(quantity, item.unit(), doseUnit);
            if (amount.isEmpty() || perUnit.signum() == 0) {
                return Optional.empty();
            }
            return Optional.of(amount.get()
                    .divide(perUnit, 0, RoundingMode.CEILING)
                    .max(BigDecimal.ONE)
                    .intValueExact());
        }
        if ("UNIT".equals(item.unit()) || item.vaccine()) {
            return Optional.of(
                    item.vaccine()
                            ? 1
                            : quantity.setScale(0, RoundingMode.CEILING).intValueExact());
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> convert(BigDecimal quantity, String unit, String doseUnit) {
        String from = switch (unit == null ? "" : unit) {
            case "MILLIGRAM" -> "mg";
            case "GRAM" -> "g";
            case "MILLILITER" -> "ml";
            case "INTERNATIONAL_UNIT", "UNIT" -> "unit";
            default -> "";
        };
        String to = doseUnit.startsWith("unit") ? "unit" : doseUnit.equals("gm") ? "g" : doseUnit;
        if (from.equals(to)) {
            return Optional.of(quantity);
        }
        if (from.equals("mg") && to.equals("mcg")) {
            return Optional.of(quantity.multiply(BigDecimal.valueOf(1000)));
        }
        if (from.equals("g") && to.equals("mg")) {
            return Optional.of(quantity.multiply(BigDecimal.valueOf(1000)));
        }
        return Optional.empty();
    }
}
