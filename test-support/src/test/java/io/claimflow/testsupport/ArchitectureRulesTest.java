package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

    private static final String FIXTURES = "io.claimflow.testsupport.archfixture";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURES);
    private static final String EDGE = FIXTURES + ".edge";

    @Test
    void adaptersConfigAndApplicationRootMayUseInfrastructure() {
        assertThatCode(() -> ArchitectureRules.domainIsFreeOfInfrastructure(FIXTURES + ".clean")
                        .check(CLASSES))
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceLaidOutAsDocumentedPassesEveryRule() {
        for (ArchRule rule : ArchitectureRules.rules(FIXTURES + ".clean", ArchitectureRules.SERVICE_EDGE)) {
            assertThat(rule.evaluate(CLASSES).hasViolation())
                    .as(rule.getDescription())
                    .isFalse();
        }
    }

    @Test
    void domainCodeUsingJdbcIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.domainIsFreeOfInfrastructure(FIXTURES + ".dirty")
                        .check(CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ClaimRepository")
                .hasMessageContaining("java.sql.Connection");
    }

    @Test
    void aModuleWithoutDomainClassesPasses() {
        assertThatCode(() -> ArchitectureRules.domainIsFreeOfInfrastructure("io.claimflow.nothing")
                        .check(CLASSES))
                .doesNotThrowAnyException();
    }

    @Test
    void aCycleBetweenFeaturesIsReported() {
        assertThat(report(ArchitectureRules.featuresAreFreeOfCycles(FIXTURES + ".cycle")))
                .contains("Cycle detected: Slice a")
                .contains("Slice b");
    }

    @Test
    void anAdapterImportingAnotherFeaturesAdapterIsReported() {
        assertThat(report(ArchitectureRules.adaptersDoNotImportOtherFeaturesAdapters(FIXTURES + ".crossadapter")))
                .contains("OneAdapter")
                .contains("TwoAdapter");
    }

    @Test
    void configurationPropertiesInADomainPackageAreReported() {
        assertThat(report(ArchitectureRules.configurationPropertiesLiveAtTheEdge(EDGE, ArchitectureRules.SERVICE_EDGE)))
                .contains("ClaimSettings");
    }

    @Test
    void aControllerUsingJdbcIsReported() {
        assertThat(report(ArchitectureRules.entryPointsAreThin(EDGE)))
                .contains("ClaimController")
                .contains("java.sql.Connection");
    }

    @Test
    void handlersWithoutRolesOrInAnotherStyleAreReported() {
        assertThat(report(ArchitectureRules.restHandlersDeclareTheirRoles(EDGE)))
                .contains("ClaimController.list() has no @PreAuthorize")
                .contains("ClaimController.create() has @PreAuthorize(\"hasAuthority('ROLE_BILLER')\")")
                .doesNotContain("open()");
    }

    @Test
    void aBatchListenerWithoutATransactionIsReported() {
        assertThat(report(ArchitectureRules.batchListenersAreTransactional(EDGE)))
                .contains("ClaimListener.onClaims(java.util.List) does not take its poll as one transaction");
    }

    @Test
    void aServicesOwnRestExceptionHandlerIsReported() {
        assertThat(report(ArchitectureRules.oneErrorStyle(EDGE))).contains("ClaimController.failed");
    }

    @Test
    void checksProductionClassesOfAnApplication() {
        // test-support's own production code is the "application" here: Infrastructure sits in the root package.
        assertThatCode(() -> ArchitectureRules.checkDomainIsFreeOfInfrastructure(Infrastructure.class))
                .doesNotThrowAnyException();
    }

    private static String report(ArchRule rule) {
        EvaluationResult result = rule.evaluate(CLASSES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
