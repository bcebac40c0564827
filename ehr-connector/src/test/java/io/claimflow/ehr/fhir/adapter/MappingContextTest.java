package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static io.claimflow.ehr.fhir.adapter.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The readings every part of the mapper shares: required references, dates, addresses, codes, quantities. */
class MappingContextTest {

    @Test
    void aRequiredReferenceIsMissingDanglingOrOfTheWrongType() {
        Organization organization = withId(new Organization().setName("Clinic"), "o1");
        MappingContext context = context(organization);

        assertThat(context.resolveRequired(ref(organization), Organization.class, "X.payor", "an Organization"))
                .isSameAs(organization);
        assertThat(context.resolveRequired(new Reference(), Organization.class, "X.payor", "an Organization"))
                .isNull();
        assertThat(context.resolveRequired(
                        new Reference("Organization/nowhere"), Organization.class, "X.managingOrganization", "o"))
                .isNull();
        assertThat(context.resolveRequired(ref(organization), Location.class, "X.location", "a Location"))
                .isNull();

        assertThat(found(context.problems()))
                .containsExactly(
                        "X.payor REQUIRED", "X.managingOrganization UNRESOLVED_REFERENCE", "X.location INVALID");
        assertThat(context.problems().get(0).message()).isEqualTo("payor is required: an Organization");
        assertThat(context.problems().get(2).message()).contains("points to a Organization");
    }

    @Test
    void aDateIsTheCalendarDateAsWrittenAndMustBeAFullDate() {
        MappingContext context = context();

        // late in the evening in Chicago is already the next day in UTC: the date written is the date of service
        assertThat(context.localDate(new DateTimeType("2026-03-10T23:30:00-05:00"), "a"))
                .isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(context.localDate(new DateTimeType("2026-03"), "b")).isNull();
        assertThat(context.localDate(new DateTimeType(), "c")).isNull();

        assertThat(found(context.problems())).containsExactly("b INVALID", "c INVALID");
    }

    @Test
    void anAddressNeedsLineCityStateAndPostalCodeAndIsInTheUsUnlessATwoLetterCountryIsGiven() {
        MappingContext context = context();
        org.hl7.fhir.r4.model.Address fhir = new org.hl7.fhir.r4.model.Address()
                .addLine("1 Main St")
                .addLine("Suite 2")
                .setCity("Columbus")
                .setState("OH")
                .setPostalCode("43215-1234")
                .setCountry("USA");

        assertThat(context.address(fhir, "a"))
                .isEqualTo(new Address("1 Main St", "Suite 2", "Columbus", "OH", "432151234", "US"));
        assertThat(context.address(fhir.setCountry("CA"), "a").country()).isEqualTo("CA");
        assertThat(context.address(fhir.setState(null), "b")).isNull();
        assertThat(found(context.problems())).containsExactly("b REQUIRED");
    }

    @Test
    void aCodeIsTheFirstCodingInOrderOfPreferenceAndUnknownSystemsAreProblems() {
        MappingContext context = context();
        CodeableConcept both = new CodeableConcept().setText("Office visit");
        both.addCoding().setSystem(FhirTerms.SNOMED_CT).setCode("185349003");
        both.addCoding().setSystem(FhirTerms.CPT).setCode("99213");
        CodeableConcept unknown = new CodeableConcept();
        unknown.addCoding().setSystem("urn:local").setCode("X");
        unknown.addCoding().setCode("Y");

        assertThat(context.code(both, "a", List.of(CodeSystem.CPT, CodeSystem.SNOMED_CT), false))
                .isEqualTo(new Code(CodeSystem.CPT, "99213", "Office visit"));
        assertThat(context.code(both, "a", List.of(CodeSystem.SNOMED_CT, CodeSystem.CPT), false)
                        .code())
                .isEqualTo("185349003");
        assertThat(context.code(new CodeableConcept().setText("Sore throat"), "t", List.of(CodeSystem.SNOMED_CT), true))
                .isEqualTo(new Code(CodeSystem.NONE, null, "Sore throat"));
        assertThat(context.code(
                        new CodeableConcept().setText("Sore throat"), "n", List.of(CodeSystem.SNOMED_CT), false))
                .isNull();
        assertThat(context.code(unknown, "u", List.of(CodeSystem.ICD_10_CM), true))
                .isNull();

        assertThat(found(context.problems()))
                .containsExactly(
                        "n REQUIRED",
                        "u.coding[0].system UNKNOWN_CODE_SYSTEM",
                        "u.coding[1].system UNKNOWN_CODE_SYSTEM");
        assertThat(context.problems().get(2).message()).startsWith("code system (none) is not one ClaimFlow reads");
    }

    @Test
    void aQuantityHasAtMostThreeDecimalsAndNineIntegerDigits() {
        MappingContext context = context();

        assertThat(context.quantity(new BigDecimal("2.50"), "a")).isEqualTo(new BigDecimal("2.500"));
        assertThat(context.quantity(new BigDecimal("1.2345"), "b")).isNull();
        assertThat(context.quantity(new BigDecimal("1E+9"), "c")).isNull();
        assertThat(context.quantity(new BigDecimal("999999999.999"), "d")).isEqualTo(new BigDecimal("999999999.999"));

        assertThat(found(context.problems())).containsExactly("b INVALID", "c INVALID");
    }
}
