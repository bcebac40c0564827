package io.claimflow.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DeserializationFeature;

/**
 * {@link ProblemDetailsAdvice} in every servlet web application, and strict JSON numbers: a fraction where a whole
 * number is expected ({@code "units": 1.5}) is refused with a 400 instead of being cut to 1.
 */
// Before Spring MVC's: with spring.mvc.problemdetails.enabled, Boot's own ProblemDetailsExceptionHandler (which quotes
// the rejected value: "Failed to convert 'id' with value: '...'") backs off only when a ResponseEntityExceptionHandler
// bean is already registered, and would otherwise win over this lowest-precedence advice.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ResponseEntityExceptionHandler.class)
public class ClaimFlowWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice claimFlowProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** Refuses {@code 1.5} for an {@code int}: Jackson's default would silently store 1. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapperBuilderCustomizer.class)
    static class StrictNumbers {

        @Bean
        JsonMapperBuilderCustomizer claimFlowStrictNumbers() {
            return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        }
    }
}
