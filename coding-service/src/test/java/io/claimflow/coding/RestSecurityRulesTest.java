package io.claimflow.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every REST handler of coding-service says who may call it. */
class RestSecurityRulesTest {

    @Test
    void everyHandlerMethodHasAPreAuthorizeRule() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<String> handlers = new ArrayList<>();
        List<String> unguarded = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.claimflow.coding")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            for (Method method : type.getDeclaredMethods()) {
                if (AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    handlers.add(type.getSimpleName() + "." + method.getName());
                    PreAuthorize rule = method.getAnnotation(PreAuthorize.class);
                    if (rule == null || !rule.value().startsWith("has")) {
                        unguarded.add(type.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }

        assertThat(handlers).contains("CoderQueueController.finalizeItem", "CodeSetAdminController.uploadFile");
        assertThat(unguarded).isEmpty();
    }
}
