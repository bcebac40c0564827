package io.claimflow.console.web.adapter;

import io.claimflow.console.config.ConsoleProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Times as people read them: in the console's zone ({@code claimflow.console.zone}), to the minute, with the zone's
 * abbreviation ({@code 2026-01-01 12:00 EST}). Pages call it as {@code ${@times.local(value)}} with an instant or
 * the ISO text of one, as the services answer; anything else is shown as it is, nothing as an empty text.
 */
@Component("times")
public class LocalTimes {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.US);

    private final ZoneId zone;

    LocalTimes(ConsoleProperties properties) {
        this.zone = properties.zone();
    }

    public ZoneId zone() {
        return zone;
    }

    public String local(Object value) {
        if (value == null) {
            return "";
        }
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else {
            instant = parse(String.valueOf(value));
        }
        return instant == null ? String.valueOf(value) : MINUTE.format(instant.atZone(zone));
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
