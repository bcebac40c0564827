package io.claimflow.platform.security;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Puts {@link RedactingTurboFilter} into Logback right after Spring Boot has (re)configured logging, in every service
 * that has the platform on its class path (registered in {@code META-INF/spring.factories}); nothing to configure.
 */
public final class LogRedactionInstaller implements GenericApplicationListener {

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null
                && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                        || ApplicationPreparedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            RedactingTurboFilter.install(context);
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1; // after logging is configured (which resets Logback)
    }
}
