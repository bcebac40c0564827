package io.claimflow.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one set of architecture rules every module checks: the service layout of docs/architecture.md, section 8.
 *
 * <p>A module's root package (its {@code @SpringBootApplication} class, or a library's anchor class) holds one package
 * per feature; each feature is its domain and application services, with its adapters in
 * {@code <feature>.adapter.<technology>}; {@code config} holds the wiring. Every module's architecture test is
 * <pre>{@code
 * @Test
 * void followsTheServiceLayout() {
 *     ArchitectureRules.checkService(CodingServiceApplication.class);
 * }
 * }</pre>
 * and a library whose packages are each named after the technology they wrap (platform's {@code kafka},
 * {@code outbox}, {@code web}...) names those as its edge: {@code checkLibrary("io.claimflow.platform", "kafka", "web")}.
 *
 * <p>The rules ({@link #rules(String, List)}):
 * <ol>
 *   <li>no cycles between feature packages ({@code config} is the wiring and may see every feature);</li>
 *   <li>the domain (everything outside the edge) is free of Kafka, Avro and the events, JDBC, Spring MVC and the
 *   servlet API, and the FHIR / HL7 v2 libraries;</li>
 *   <li>no feature's adapter imports another feature's adapter;</li>
 *   <li>{@code @ConfigurationProperties} only in {@code config} or adapter packages;</li>
 *   <li>thin entry points: a Kafka listener or a controller reaches the database only through an application service
 *   (it imports no JDBC and no {@code JdbcClient});</li>
 *   <li>every REST handler declares its roles with {@code @PreAuthorize}, in one style: {@code hasRole('X')} or
 *   {@code hasAnyRole('X', 'Y')} with the roles of platform's {@code Roles};</li>
 *   <li>a batch listener takes its poll as one transaction: {@code @Transactional} or platform's
 *   {@code TransactionalBatches};</li>
 *   <li>one error style: a refusal is platform's {@code ProblemException}, answered by platform's
 *   {@code ProblemDetailsAdvice}: no service declares REST exception handlers or throws
 *   {@code ResponseStatusException}.</li>
 * </ol>
 */
public final class ArchitectureRules {

    /** Packages domain code must not depend on. */
    public static final List<String> INFRASTRUCTURE_PACKAGES = List.of(
            "org.apache.kafka..",
            "org.springframework.kafka..",
            "org.apache.avro..",
            "io.claimflow.events..",
            "org.springframework.jdbc..",
            "java.sql..",
            "javax.sql..",
            "org.springframework.web..",
            "jakarta.servlet..",
            "ca.uhn..",
            "org.hl7..");

    /** The edge of a service: adapters, the wiring, the application class's own package. */
    public static final List<String> SERVICE_EDGE = List.of("adapter", "config");

    /** The roles a {@code @PreAuthorize} may name (platform's {@code Roles}). */
    public static final Set<String> ROLES = Set.of("CODER", "BILLER", "PATIENT_ACCOUNTS", "ADMIN", "AUDITOR");

    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";
    private static final String TRANSACTIONAL = "org.springframework.transaction.annotation.Transactional";
    private static final String TRANSACTIONAL_BATCHES = "io.claimflow.platform.outbox.TransactionalBatches";
    private static final String PRE_AUTHORIZE = "org.springframework.security.access.prepost.PreAuthorize";
    private static final String REQUEST_MAPPING = "org.springframework.web.bind.annotation.RequestMapping";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String SERVICE = "org.springframework.stereotype.Service";
    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String REST_CONTROLLER_ADVICE = "org.springframework.web.bind.annotation.RestControllerAdvice";
    private static final String EXCEPTION_HANDLER = "org.springframework.web.bind.annotation.ExceptionHandler";
    private static final String CONFIGURATION_PROPERTIES =
            "org.springframework.boot.context.properties.ConfigurationProperties";
    private static final Pattern ROLE_EXPRESSION =
            Pattern.compile("permitAll\\(\\)|hasRole\\('[A-Z_]+'\\)|hasAnyRole\\('[A-Z_]+'(, '[A-Z_]+')+\\)");
    private static final Pattern QUOTED_ROLE = Pattern.compile("'([A-Z_]+)'");

    private ArchitectureRules() {}

    /**
     * Checks every rule on the production classes (not tests) under the package of {@code applicationClass}, the
     * service's {@code @SpringBootApplication} class.
     *
     * @throws AssertionError listing every violation
     */
    public static void checkService(Class<?> applicationClass) {
        check(applicationClass.getPackageName(), SERVICE_EDGE);
    }

    /**
     * Checks every rule on a library module: the packages under {@code rootPackage}, where {@code edgePackages}
     * (first segment below the root, e.g. {@code "kafka"}) wrap a technology and may use it, as a service's adapters
     * do; {@code adapter} and {@code config} are always edge.
     */
    public static void checkLibrary(String rootPackage, String... edgePackages) {
        List<String> edge = new ArrayList<>(SERVICE_EDGE);
        edge.addAll(Arrays.asList(edgePackages));
        check(rootPackage, edge);
    }

    /**
     * Checks the layout rules (1 to 5 and 7) on a stand-in for an outside party, such as payer-simulator: it is laid
     * out like a service but speaks for the payer, so it has its own login (not platform's roles, rule 6) and its own
     * problem details (it does not depend on the platform, rule 8).
     */
    public static void checkStandIn(Class<?> applicationClass) {
        String root = applicationClass.getPackageName();
        CompositeArchRule.of(List.of(
                        featuresAreFreeOfCycles(root),
                        domainIsFreeOfInfrastructure(root, SERVICE_EDGE),
                        adaptersDoNotImportOtherFeaturesAdapters(root),
                        configurationPropertiesLiveAtTheEdge(root, SERVICE_EDGE),
                        entryPointsAreThin(root),
                        batchListenersAreTransactional(root)))
                .check(importProduction(root));
    }

    /**
     * The stricter domain some services keep: classes in the given features (first segment below the root, the
     * adapters excluded) use neither Spring nor the platform, only platform's {@code Money}: rules and calculations
     * that are tested without a context. A feature's application services (annotated {@code @Service}, with their
     * nested types) are exempt: as in every service they may be transactional Spring beans that audit and answer with
     * platform's problem exceptions; rule 2 still keeps JDBC and the web out of them.
     */
    public static void checkPlainJava(Class<?> applicationClass, String... features) {
        String root = applicationClass.getPackageName();
        String[] packages = Arrays.stream(features).map(f -> root + "." + f).toArray(String[]::new);
        noClasses()
                .that()
                .resideInAnyPackage(packages)
                .and(DescribedPredicate.describe(
                        "are not application services", (JavaClass c) -> !isApplicationService(c)))
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are Spring or platform (but Money)",
                        (JavaClass c) -> c.getPackageName().startsWith("org.springframework")
                                || c.getPackageName().startsWith("io.claimflow.platform")
                                        && !c.getPackageName().startsWith("io.claimflow.platform.money")))
                .because("posting rules, aging, statements and plans are plain Java, testable without a context")
                .allowEmptyShould(true)
                .check(importProduction(root));
    }

    private static boolean isApplicationService(JavaClass c) {
        JavaClass outermost = c;
        while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
        }
        return outermost.isAnnotatedWith(SERVICE);
    }

    private static void check(String root, List<String> edge) {
        CompositeArchRule.of(rules(root, edge)).check(importProduction(root));
    }

    private static JavaClasses importProduction(String root) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /** The rules for a module under {@code root} whose edge is {@code edge} (first segments below the root). */
    public static List<ArchRule> rules(String root, List<String> edge) {
        return List.of(
                featuresAreFreeOfCycles(root),
                domainIsFreeOfInfrastructure(root, edge),
                adaptersDoNotImportOtherFeaturesAdapters(root),
                configurationPropertiesLiveAtTheEdge(root, edge),
                entryPointsAreThin(root),
                restHandlersDeclareTheirRoles(root),
                batchListenersAreTransactional(root),
                oneErrorStyle(root));
    }

    /** Rule 1: no cycles between the packages directly below the root; {@code config} is left out (the wiring). */
    public static ArchRule featuresAreFreeOfCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        return feature(root, javaClass.getPackageName())
                                .filter(f -> !f.equals("config"))
                                .map(SliceIdentifier::of)
                                .orElse(SliceIdentifier.ignore());
                    }

                    @Override
                    public String getDescription() {
                        return "features of " + root;
                    }
                })
                .should()
                .beFreeOfCycles()
                .because("a feature can be read and changed in one place: features depend on each other one way")
                .allowEmptyShould(true);
    }

    /**
     * Rule 2: classes under {@code applicationRootPackage}, other than those in {@code ..adapter..},
     * {@code ..config..} or the root package itself, do not depend on {@link #INFRASTRUCTURE_PACKAGES}. Passes when
     * there are no such classes.
     */
    public static ArchRule domainIsFreeOfInfrastructure(String applicationRootPackage) {
        return domainIsFreeOfInfrastructure(applicationRootPackage, SERVICE_EDGE);
    }

    /** Rule 2 with a library's edge packages (first segments below the root) besides adapters and config. */
    public static ArchRule domainIsFreeOfInfrastructure(String root, List<String> edge) {
        List<String> outside = new ArrayList<>(List.of("..adapter..", "..config..", root));
        edge.forEach(e -> outside.add(root + "." + e + ".."));
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(outside.toArray(String[]::new))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(INFRASTRUCTURE_PACKAGES.toArray(String[]::new))
                .because("domain code stays free of messaging, serialization, persistence and web; "
                        + "adapters in ..adapter.. and wiring in ..config.. do that")
                .allowEmptyShould(true);
    }

    /** Imports the production classes under the package of {@code applicationClass} and checks rule 2 only. */
    public static void checkDomainIsFreeOfInfrastructure(Class<?> applicationClass) {
        String root = applicationClass.getPackageName();
        domainIsFreeOfInfrastructure(root).check(importProduction(root));
    }

    /** Rule 3: a class in {@code <feature>.adapter..} depends on no class in another feature's adapter. */
    public static ArchRule adaptersDoNotImportOtherFeaturesAdapters(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideInAPackage("..adapter..")
                .should(new ArchCondition<>("import no other feature's adapter") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        Optional<String> own = feature(root, javaClass.getPackageName());
                        for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                            String target = dependency.getTargetClass().getPackageName();
                            Optional<String> other = feature(root, target);
                            if (other.isPresent() && !other.equals(own) && isAdapter(root, target)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                })
                .because("an adapter talks to its own feature; features meet in the domain, not in adapters")
                .allowEmptyShould(true);
    }

    /** Rule 4: {@code @ConfigurationProperties} classes live in {@code config}, an adapter or another edge package. */
    public static ArchRule configurationPropertiesLiveAtTheEdge(String root, List<String> edge) {
        List<String> allowed = new ArrayList<>(List.of("..adapter..", "..config..", root));
        edge.forEach(e -> allowed.add(root + "." + e + ".."));
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .areAnnotatedWith(CONFIGURATION_PROPERTIES)
                .should()
                .resideInAnyPackage(allowed.toArray(String[]::new))
                .because("configuration is application.yml bound to @ConfigurationProperties records in config or "
                        + "in the adapter that needs it; the domain receives plain values")
                .allowEmptyShould(true);
    }

    /**
     * Rule 5: classes declaring {@code @KafkaListener} methods, and controllers, depend on no JDBC: an entry point
     * takes the id, checks and maps, and calls an application service that holds the transaction and the queries.
     */
    public static ArchRule entryPointsAreThin(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and(DescribedPredicate.describe(
                        "are Kafka listeners or controllers",
                        (JavaClass c) -> c.isMetaAnnotatedWith(CONTROLLER)
                                || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(KAFKA_LISTENER))))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
                .because("listeners and controllers are thin: they delegate to an application service, which "
                        + "owns the transaction and the queries (JdbcClient in an adapter)")
                .allowEmptyShould(true);
    }

    /**
     * Rule 6: every handler method of a controller is annotated {@code @PreAuthorize} (on the method or its class)
     * with {@code hasRole('X')} or {@code hasAnyRole('X', 'Y', ...)} naming {@link #ROLES}.
     */
    public static ArchRule restHandlersDeclareTheirRoles(String root) {
        return methods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage(root + "..")
                .and()
                .areMetaAnnotatedWith(REQUEST_MAPPING)
                .and()
                .areDeclaredInClassesThat()
                .areMetaAnnotatedWith(CONTROLLER)
                .should(
                        new ArchCondition<>("declare their roles as @PreAuthorize(\"hasRole('X')\") or "
                                + "@PreAuthorize(\"hasAnyRole('X', 'Y')\")") {
                            @Override
                            public void check(JavaMethod method, ConditionEvents events) {
                                Optional<JavaAnnotation<JavaMethod>> onMethod =
                                        method.tryGetAnnotationOfType(PRE_AUTHORIZE);
                                Optional<? extends JavaAnnotation<?>> rule = onMethod.isPresent()
                                        ? onMethod
                                        : method.getOwner().tryGetAnnotationOfType(PRE_AUTHORIZE);
                                if (rule.isEmpty()) {
                                    events.add(SimpleConditionEvent.violated(
                                            method, method.getFullName() + " has no @PreAuthorize"));
                                    return;
                                }
                                String expression =
                                        String.valueOf(rule.get().get("value").orElse(""));
                                List<String> unknown = QUOTED_ROLE
                                        .matcher(expression)
                                        .results()
                                        .map(r -> r.group(1))
                                        .filter(r -> !ROLES.contains(r))
                                        .toList();
                                if (!ROLE_EXPRESSION.matcher(expression).matches() || !unknown.isEmpty()) {
                                    events.add(SimpleConditionEvent.violated(
                                            method,
                                            method.getFullName() + " has @PreAuthorize(\"" + expression + "\")"));
                                }
                            }
                        })
                .because("every REST handler says who may call it, in one style, with the platform's roles")
                .allowEmptyShould(true);
    }

    /**
     * Rule 7: a batch {@code @KafkaListener} (batch = "true", or a List / ConsumerRecords parameter) is
     * {@code @Transactional} or hands its records to platform's {@code TransactionalBatches}.
     */
    public static ArchRule batchListenersAreTransactional(String root) {
        return methods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage(root + "..")
                .and()
                .areAnnotatedWith(KAFKA_LISTENER)
                .and(DescribedPredicate.describe("take a batch", ArchitectureRules::isBatchListener))
                .should(new ArchCondition<>("be @Transactional or hand their records to TransactionalBatches") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean transactional = method.isAnnotatedWith(TRANSACTIONAL)
                                || method.getMethodCallsFromSelf().stream()
                                        .anyMatch(call ->
                                                call.getTargetOwner().getName().equals(TRANSACTIONAL_BATCHES));
                        events.add(new SimpleConditionEvent(
                                method,
                                transactional,
                                method.getFullName() + (transactional ? " takes" : " does not take")
                                        + " its poll as one transaction"));
                    }
                })
                .because("a poll is one transaction; a record that cannot be processed is dead-lettered alone")
                .allowEmptyShould(true);
    }

    /**
     * Rule 8: services leave REST errors to platform's {@code ProblemDetailsAdvice}: no {@code @RestControllerAdvice}
     * and no {@code @ExceptionHandler} in a REST controller outside the platform, no
     * {@code ResponseStatusException}; a refusal is a {@code ProblemException}.
     */
    public static ArchRule oneErrorStyle(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackage("io.claimflow.platform..")
                .should(new ArchCondition<>("declare REST exception handlers or use ResponseStatusException") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        if (javaClass.isMetaAnnotatedWith(REST_CONTROLLER_ADVICE)) {
                            events.add(SimpleConditionEvent.satisfied(
                                    javaClass, javaClass.getName() + " is a @RestControllerAdvice"));
                        }
                        if (javaClass.isMetaAnnotatedWith(REST_CONTROLLER)) {
                            javaClass.getMethods().stream()
                                    .filter(m -> m.isAnnotatedWith(EXCEPTION_HANDLER))
                                    .forEach(m -> events.add(SimpleConditionEvent.satisfied(
                                            m, m.getFullName() + " is an @ExceptionHandler")));
                        }
                        javaClass.getDirectDependenciesFromSelf().stream()
                                .filter(d -> d.getTargetClass()
                                        .getName()
                                        .equals("org.springframework.web.server.ResponseStatusException"))
                                .forEach(d -> events.add(SimpleConditionEvent.satisfied(d, d.getDescription())));
                    }
                })
                .because("one error style: platform's ProblemException, answered as a problem detail by platform's "
                        + "ProblemDetailsAdvice")
                .allowEmptyShould(true);
    }

    private static boolean isBatchListener(JavaMethod method) {
        Optional<JavaAnnotation<JavaMethod>> listener = method.tryGetAnnotationOfType(KAFKA_LISTENER);
        boolean batch = listener.flatMap(a -> a.get("batch"))
                .map(v -> "true".equals(String.valueOf(v)))
                .orElse(false);
        return batch
                || method.getRawParameterTypes().stream()
                        .anyMatch(p -> p.isAssignableTo(List.class)
                                || p.getName().equals("org.apache.kafka.clients.consumer.ConsumerRecords"));
    }

    /** The first package segment below {@code root}, for a package under it. */
    static Optional<String> feature(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static boolean isAdapter(String root, String packageName) {
        return (packageName + ".").contains(".adapter.") && packageName.startsWith(root + ".");
    }
}
