package io.claimflow.platform;

import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The platform test application on the shared test infrastructure; every test class that uses it shares one
 * Spring context. Two partitions per topic (enough to check that a dead letter keeps its partition), fast retries,
 * an outbox relay that runs only when a test calls it, the platform's default security (demo users), and a
 * {@link StatementCounter} for tests that count the statements of a piece of work.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=platform-test",
            "claimflow.kafka.partitions=2",
            "claimflow.kafka.retry.max-retries=3",
            "claimflow.kafka.retry.initial-interval=10ms",
            "claimflow.kafka.retry.max-interval=50ms",
            "claimflow.outbox.relay-auto-startup=false"
        })
@ClaimFlowInfrastructure(database = "claimflow_platform_test")
@Import(StatementCounter.class)
public @interface PlatformTest {}
