package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

    private static final String FIXTURES = "io.claimflow.testsupport.archfixture";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURES);

    @Test
    void adaptersConfigAndApplicationRootMayUseInfrastructure() {
        assertThatCode(() -> ArchitectureRules.domainIsFreeOfInfrastructure(FIXTURES + ".clean").check(CLASSES))
                .doesNotThrowAnyException();
    }

    @Test
    void domainCodeUsingJdbcIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.domainIsFreeOfInfrastructure(FIXTURES + ".dirty").check(CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ClaimRepository")
                .hasMessageContaining("java.sql.Connection");
    }

    @Test
    void aModuleWithoutDomainClassesPasses() {
        assertThatCode(() -> ArchitectureRules.domainIsFreeOfInfrastructure("io.claimflow.nothing").check(CLASSES))
                .doesNotThrowAnyException();
    }

    @Test
    void checksProductionClassesOfAnApplication() {
        // test-support's own production code is the "application" here: Infrastructure sits in the root package.
        assertThatCode(() -> ArchitectureRules.checkDomainIsFreeOfInfrastructure(Infrastructure.class))
                .doesNotThrowAnyException();
    }
}
