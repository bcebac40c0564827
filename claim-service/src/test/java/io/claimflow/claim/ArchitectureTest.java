package io.claimflow.claim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.testsupport.ArchitectureRules;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Domain code stays free of Kafka, Avro, JDBC and the web; every REST handler says who may call it. */
@AnalyzeClasses(packages = "io.claimflow.claim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfInfrastructure =
            ArchitectureRules.domainIsFreeOfInfrastructure("io.claimflow.claim");

    @ArchTest
    static final ArchRule everyRestHandlerDeclaresItsRoles = methods()
            .that().areMetaAnnotatedWith(RequestMapping.class)
            .and().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .should().beAnnotatedWith(PreAuthorize.class);

    // a batch listener's transaction is platform's TransactionalBatches (one per poll), not an annotation
    @ArchTest
    static final ArchRule listenersAreTransactional = methods()
            .that().areAnnotatedWith(KafkaListener.class)
            .should().beAnnotatedWith(Transactional.class)
            .orShould(handTheirRecordsToTransactionalBatches());

    private static ArchCondition<JavaMethod> handTheirRecordsToTransactionalBatches() {
        return new ArchCondition<>("hand their records to TransactionalBatches") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean delegates = method.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().isAssignableTo(TransactionalBatches.class));
                events.add(new SimpleConditionEvent(method, delegates, method.getFullName()
                        + (delegates ? " hands" : " does not hand") + " its records to TransactionalBatches"));
            }
        };
    }
}
