package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.firstNonNull;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the parts of one bundle's mapping share: the bundle's references, the tenant's settings, the problems (which
 * refuse an encounter) and notices (which refuse nothing) found so far, and the readings every part makes the same
 * way: a required reference, a date, an address, a code, a quantity. Problem messages name elements, never values.
 */
final class MappingContext {

    private final MappingSettings settings;
    private final BundleReferences refs;
    private final List<Problem> problems = new ArrayList<>();
    private final Notices notices = new Notices();

    MappingContext(MappingSettings settings, Bundle bundle) {
        this.settings = settings;
        this.refs = new BundleReferences(bundle, settings.directory());
    }

    MappingSettings settings() {
        return settings;
    }

    BundleReferences refs() {
        return refs;
    }

    void problem(String location, Kind kind, String message) {
        problems.add(new Problem(location, kind, message));
    }

    void notice(String location, Kind kind, String message) {
        notices.add(new Problem(location, kind, message));
    }

    /** How many problems were found so far: a part compares it before and after to know whether it found one. */
    int problemCount() {
        return problems.size();
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    Notices notices() {
        return notices;
    }

    /** The resource of {@code type} a reference points to; a problem (and null) when absent, dangling or another type. */
    <T extends Resource> T resolveRequired(Reference reference, Class<T> type, String at, String what) {
        if (reference == null || !reference.hasReference()) {
            problem(at, Kind.REQUIRED, at.substring(at.lastIndexOf('.') + 1) + " is required: " + what);
            return null;
        }
        Resource resource = refs.resolve(reference).orElse(null);
        if (resource == null) {
            problem(
                    at,
                    Kind.UNRESOLVED_REFERENCE,
                    "the reference does not point to a resource in the bundle (" + what + ")");
            return null;
        }
        if (!type.isInstance(resource)) {
            problem(at, Kind.INVALID, "the reference points to a " + resource.fhirType() + ", not " + what);
            return null;
        }
        return type.cast(resource);
    }

    /** The calendar date as written, in the value's own time zone; a problem when it is not a full date. */
    LocalDate localDate(BaseDateTimeType value, String at) {
        if (value == null || value.getValue() == null) {
            problem(at, Kind.INVALID, "not a valid date");
            return null;
        }
        if (value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            problem(at, Kind.INVALID, "a full date (year, month and day) is required");
            return null;
        }
        return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
    }

    /** A postal address: line, city, state and postal code required; the country US unless a two-letter one is given. */
    Address address(org.hl7.fhir.r4.model.Address address, String at) {
        String line1 = address.getLine().size() > 0 ? address.getLine().get(0).getValue() : null;
        if (line1 == null || !address.hasCity() || !address.hasState() || !address.hasPostalCode()) {
            problem(at, Kind.REQUIRED, "an address needs line, city, state and postalCode");
            return null;
        }
        String line2 = address.getLine().size() > 1 ? address.getLine().get(1).getValue() : null;
        String country = address.hasCountry() && address.getCountry().length() == 2 ? address.getCountry() : "US";
        return new Address(
                line1,
                line2,
                address.getCity(),
                address.getState(),
                address.getPostalCode().replace("-", ""),
                country);
    }

    /**
     * The coding to keep from a CodeableConcept, the first in {@code preference} order; text only (system NONE)
     * when there is no coding at all. Codings in systems ClaimFlow does not read are passed over, but a concept
     * whose codings are all in such systems is a problem: ClaimFlow cannot code from it.
     */
    Code code(CodeableConcept concept, String at, List<CodeSystem> preference, boolean textOnlyAllowed) {
        if (!concept.hasCoding()) {
            if (textOnlyAllowed && concept.hasText()) {
                return new Code(CodeSystem.NONE, null, concept.getText());
            }
            problem(at, Kind.REQUIRED, textOnlyAllowed ? "a code or text is required" : "a coding is required");
            return null;
        }
        for (CodeSystem wanted : preference) {
            for (Coding coding : concept.getCoding()) {
                Optional<CodeSystem> system = FhirTerms.codeSystem(coding.getSystem());
                if (system.isPresent() && system.get() == wanted && coding.hasCode()) {
                    return new Code(
                            wanted,
                            coding.getCode(),
                            firstNonNull(concept.getText(), coding.getDisplay(), coding.getCode()));
                }
            }
        }
        unknownSystems(concept, at, preference.stream().map(Enum::name).toList().toString());
        return null;
    }

    private void unknownSystems(CodeableConcept concept, String at, String expected) {
        for (int i = 0; i < concept.getCoding().size(); i++) {
            Coding coding = concept.getCoding().get(i);
            String system = coding.hasSystem() ? coding.getSystem() : "(none)";
            problem(
                    at + ".coding[" + i + "].system",
                    Kind.UNKNOWN_CODE_SYSTEM,
                    "code system " + system
                            + " is not one ClaimFlow reads here (expected " + expected + ": " + FhirTerms.SNOMED_CT
                            + ", "
                            + FhirTerms.ICD_10_CM + ", " + FhirTerms.CPT + ", " + FhirTerms.HCPCS + ", " + FhirTerms.NDC
                            + ")");
        }
    }

    /** A documented quantity as EncounterDocumented carries it (at most 3 decimals and 9 integer digits). */
    BigDecimal quantity(BigDecimal value, String at) {
        Optional<BigDecimal> quantity = DocumentedEncounter.quantity(value);
        if (quantity.isEmpty()) {
            problem(at, Kind.INVALID, "a quantity must have at most 3 decimals and 9 digits");
        }
        return quantity.orElse(null);
    }
}
