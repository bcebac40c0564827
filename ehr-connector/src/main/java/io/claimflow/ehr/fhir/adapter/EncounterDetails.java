package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.codeValue;
import static io.claimflow.ehr.fhir.adapter.FhirValues.knownId;

import io.claimflow.ehr.intake.DocumentedEncounter.AnnualWellnessVisit;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.MedicalDecisionMaking;
import io.claimflow.ehr.intake.Problem.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * What the Encounter itself documents about the visit: its id, its type, the practitioner's total time, medical
 * decision making, the annual wellness visit, abnormal findings (ClaimFlow's extensions where FHIR R4 has no element),
 * and the clinical note of a DocumentReference about it.
 */
final class EncounterDetails {

    private static final BigDecimal MINUTES_IN_A_DAY = BigDecimal.valueOf(1440);

    private final MappingContext context;

    EncounterDetails(MappingContext context) {
        this.context = context;
    }

    /** The id the encounter is published under: its id, else its (official first) identifier; a problem without. */
    String encounterId(Encounter encounter, String at) {
        // A transaction bundle creating the Encounter carries no id: its business identifier names it then.
        String id = knownId(encounter);
        if (id == null) {
            context.problem(at + ".id", Kind.REQUIRED, "the Encounter needs an id or an identifier");
        }
        return id;
    }

    Code encounterType(Encounter encounter, String at) {
        if (!encounter.hasType()) {
            context.problem(at + ".type", Kind.REQUIRED, "Encounter.type (the kind of visit) is required");
            return null;
        }
        CodeableConcept type = encounter.getTypeFirstRep();
        return context.code(
                type,
                at + ".type[0]",
                List.of(CodeSystem.CPT, CodeSystem.SNOMED_CT, CodeSystem.HCPCS, CodeSystem.ICD_10_CM),
                false);
    }

    /** Total time in minutes: ClaimFlow's extension (Duration or integer minutes), else Encounter.length in min. */
    Integer totalTime(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_TOTAL_TIME);
        if (extension != null && extension.getValue() != null) {
            Type value = extension.getValue();
            if (value instanceof Quantity quantity) {
                return minutes(quantity, at + ".extension");
            }
            try {
                return withinADay(BigDecimal.valueOf(Integer.parseInt(value.primitiveValue())), at + ".extension");
            } catch (NumberFormatException e) {
                context.problem(at + ".extension", Kind.INVALID, "total time must be a Duration or whole minutes");
                return null;
            }
        }
        if (encounter.hasLength()) {
            return minutes(encounter.getLength(), at + ".length");
        }
        return null;
    }

    private Integer minutes(Quantity quantity, String at) {
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        if (!quantity.hasValue() || unit == null) {
            context.problem(at, Kind.INVALID, "a duration needs a value and a unit");
            return null;
        }
        BigDecimal value = quantity.getValue();
        BigDecimal minutes = switch (unit) {
            case "min", "minutes", "minute" -> value;
            case "h", "hour", "hours" -> value.multiply(BigDecimal.valueOf(60));
            default -> null;
        };
        if (minutes == null) {
            context.problem(at, Kind.INVALID, "a duration must be in min or h (UCUM)");
            return null;
        }
        return withinADay(minutes, at);
    }

    /** A total time is the practitioner's time on one date; compared before rounding (1e999999999 is not expanded). */
    private Integer withinADay(BigDecimal minutes, String at) {
        if (minutes.signum() < 0 || minutes.compareTo(MINUTES_IN_A_DAY) > 0) {
            context.problem(
                    at, Kind.INVALID, "a total time is from 0 to 1440 minutes (the practitioner's time on one date)");
            return null;
        }
        return minutes.setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    MedicalDecisionMaking medicalDecisionMaking(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_MDM);
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        String code = codeValue(extension.getValue());
        try {
            return MedicalDecisionMaking.valueOf(String.valueOf(code).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            context.problem(
                    at + ".extension",
                    Kind.INVALID,
                    "medical decision making must be straightforward, low, moderate or high");
            return null;
        }
    }

    /** The extension (initial or subsequent), else an Encounter.type HCPCS G0438 or G0439; null when neither. */
    AnnualWellnessVisit annualWellnessVisit(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_ANNUAL_WELLNESS_VISIT);
        if (extension != null && extension.getValue() != null) {
            String value = codeValue(extension.getValue());
            if ("initial".equalsIgnoreCase(value)) {
                return AnnualWellnessVisit.INITIAL;
            }
            if ("subsequent".equalsIgnoreCase(value)) {
                return AnnualWellnessVisit.SUBSEQUENT;
            }
            context.problem(at + ".extension", Kind.INVALID, "the annual wellness visit must be initial or subsequent");
            return null;
        }
        return encounter.getType().stream()
                .flatMap(type -> type.getCoding().stream())
                .filter(coding -> FhirTerms.codeSystem(coding.getSystem()).orElse(null) == CodeSystem.HCPCS)
                .map(Coding::getCode)
                .flatMap(code -> AnnualWellnessVisit.ofHcpcs(code).stream())
                .findFirst()
                .orElse(null);
    }

    Boolean abnormalFindings(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_ABNORMAL_FINDINGS);
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        if (extension.getValue() instanceof BooleanType value && value.hasValue()) {
            return value.getValue();
        }
        context.problem(at + ".extension", Kind.INVALID, "abnormal findings must be a valueBoolean");
        return null;
    }

    /** The clinical note: a text/plain attachment of a DocumentReference about this encounter. */
    String clinicalNote(Encounter encounter) {
        BundleReferences refs = context.refs();
        for (DocumentReference document : refs.all(DocumentReference.class)) {
            boolean about = document.getContext().getEncounter().stream().anyMatch(r -> refs.pointsTo(r, encounter));
            if (!about) {
                continue;
            }
            refs.use(document);
            for (DocumentReference.DocumentReferenceContentComponent content : document.getContent()) {
                Attachment attachment = content.getAttachment();
                if (attachment.hasData()
                        && attachment.hasContentType()
                        && attachment.getContentType().startsWith("text/plain")) {
                    return new String(attachment.getData(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
