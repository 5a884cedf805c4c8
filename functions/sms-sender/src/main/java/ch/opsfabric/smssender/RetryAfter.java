package ch.opsfabric.smssender;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header of a throttling answer (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date. Twilio, Meta and Postmark answer 429 when we send faster than the account allows;
 * a 429 without a usable header still means "slow down", so it waits {@link #DEFAULT}.
 */
final class RetryAfter {

    /** What a 429 without a usable header waits. */
    static final Duration DEFAULT = Duration.ofSeconds(5);
    /** Longer than this is an outage, not throttling: the queue's backoff takes over. */
    static final Duration MAX = Duration.ofMinutes(15);

    private RetryAfter() {
    }

    /**
     * @param status the answer's status, 429 or 503 (others are no throttling)
     * @param header the header's value, or null
     */
    static Optional<Duration> of(int status, String header, Instant now) {
        if (status != 429 && status != 503) {
            return Optional.empty();
        }
        Optional<Duration> asked = parse(header, now);
        if (asked.isEmpty()) {
            return status == 429 ? Optional.of(DEFAULT) : Optional.empty();
        }
        Duration wait = asked.get();
        return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
    }

    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            // more digits than a long holds is no sensible wait either: the maximum
            return Optional.of(value.length() > 9 ? MAX : Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
