package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.platform.web.BadRequestException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** What the work pages do alike with what they are sent and what a service answers. */
final class WebParams {

    /** A code a filter takes (rule, reason, category, CARC, payer id). */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.-]{1,60}");

    private static final Pattern CLAIM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private WebParams() {}

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code value} if it is a code, else a 400 naming {@code what} (never echoing the value). */
    static String token(String value, String what) {
        String v = blankToNull(value);
        if (v != null && !TOKEN.matcher(v).matches()) {
            throw new BadRequestException(what + " must be a code: letters, digits, - _ .");
        }
        return v;
    }

    /** {@code value} if it is one of {@code allowed}, else a 400. */
    static String oneOf(String value, java.util.List<String> allowed, String what) {
        String v = blankToNull(value);
        if (v != null && !allowed.contains(v)) {
            throw new BadRequestException(what + " must be one of " + String.join(", ", allowed));
        }
        return v;
    }

    static Integer days(Integer days, String what) {
        if (days != null && (days < 0 || days > 3650)) {
            throw new BadRequestException(what + " must be between 0 and 3650");
        }
        return days;
    }

    static void checkClaimId(String claimId) {
        if (!CLAIM_ID.matcher(claimId).matches()) {
            throw new BadRequestException("Not a claim id");
        }
    }

    static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    /** {@code ?k=v&...} of the pairs whose value is not null, URL-encoded; empty when none. */
    static String query(Object... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.append(query.isEmpty() ? '?' : '&')
                        .append(pairs[i])
                        .append('=')
                        .append(URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    /** Whole days from a date or instant (ISO text) to {@code today}; null when there is none or it is unreadable. */
    static Long daysSince(Object dateOrInstant, LocalDate today) {
        if (dateOrInstant == null) {
            return null;
        }
        String text = String.valueOf(dateOrInstant);
        try {
            LocalDate date = text.length() == 10
                    ? LocalDate.parse(text)
                    : LocalDate.ofInstant(Instant.parse(text), ZoneOffset.UTC);
            return Duration.between(date.atStartOfDay(), today.atStartOfDay()).toDays();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** ", now SUBMITTED" from a claim-service claim answer. */
    static String statusOf(ServiceAnswer answer) {
        return answer.ok() && answer.body() instanceof Map<?, ?> claim && claim.get("status") != null
                ? ", now " + claim.get("status")
                : "";
    }

    static void flash(ServiceAnswer answer, String notice, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", notice);
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
    }

    /** The total of a service's page answer ({@code {items, total}}), or the number of items when it has none. */
    static long total(Object body, int items) {
        return body instanceof Map<?, ?> page && page.get("total") instanceof Number n ? n.longValue() : items;
    }

    /** Whether a service's page answer says more than its {@code total} match (it stopped counting there). */
    static boolean totalAtLeast(Object body) {
        return body instanceof Map<?, ?> page && Boolean.TRUE.equals(page.get("totalAtLeast"));
    }
}
