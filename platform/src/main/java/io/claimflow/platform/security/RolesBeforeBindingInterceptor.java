package io.claimflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks a handler's {@code @PreAuthorize} before Spring MVC reads and validates its arguments. Method security
 * alone runs after binding, so a caller without the role would get 400 for a bad body instead of 403, and would learn
 * what the endpoint expects. Rules that name arguments ({@code #claimId}) cannot be checked before binding and are
 * left to method security, which checks every rule again in any case.
 */
final class RolesBeforeBindingInterceptor implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager authorization = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
            }
            if (rule != null && !rule.value().contains("#")) {
                Object[] noArguments = new Object[method.getMethod().getParameterCount()];
                // Throws AuthorizationDeniedException: the security filter chain answers 403 (or 401) and audits it.
                authorization.verify(
                        () -> SecurityContextHolder.getContext().getAuthentication(),
                        new SimpleMethodInvocation(method.getBean(), method.getMethod(), noArguments));
            }
        }
        return true;
    }
}
