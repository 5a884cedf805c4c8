package ch.opsfabric.tenant;

import ch.opsfabric.time.QuietHours;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's configuration document. The fields the back office decides with are typed here;
 * the whole document stays available as {@link #document()} for what only the website shows
 * (services, hero text, reviews, colours).
 *
 * @param phoneLines   business numbers in E.164; calls to and SMS replies at these numbers belong to this tenant
 * @param ownerMobile  where urgent alerts go (E.164), may be null
 * @param smsProvider  name of the SMS provider in sms-sender ({@code console}, {@code ecall}, {@code twilio})
 * @param smsSender    sender id shown on the customer's phone (≤ 11 letters or a number)
 */
public record TenantConfig(
        List<String> phoneLines,
        String ownerMobile,
        String contactPhone,
        String contactEmail,
        String googleReviewLink,
        Duration slaResponse,
        QuietHours quietHours,
        ZoneId zone,
        Duration reviewDelay,
        String smsProvider,
        String smsSender,
        JsonNode document) {

    public static final Duration DEFAULT_SLA = Duration.ofMinutes(120);
    public static final Duration DEFAULT_REVIEW_DELAY = Duration.ofHours(2);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Zurich");
    /** How long a closed ticket is kept (revDSG: no longer than needed; config {@code retentionMonths}). */
    public static final int DEFAULT_RETENTION_MONTHS = 24;

    public TenantConfig {
        phoneLines = List.copyOf(phoneLines);
    }

    /** The canton whose public holidays apply (config {@code canton}, e.g. {@code "zh"}); Zürich when unset. */
    public String canton() {
        String canton = document == null ? "" : document.path("canton").asText("").toLowerCase(java.util.Locale.ROOT);
        return ch.opsfabric.time.SwissHolidays.isCanton(canton) ? canton : ch.opsfabric.time.SwissHolidays.DEFAULT_CANTON;
    }

    /** Config {@code holidaysPauseSla}: the response clock stands still on the canton's public holidays. */
    public boolean holidaysPauseSla() {
        return document != null && document.path("holidaysPauseSla").asBoolean(false);
    }

    /** The days the SLA clock stands still all day: the canton's holidays when the tenant chose so, else none. */
    public java.util.function.Predicate<java.time.LocalDate> closedDays() {
        String canton = canton();
        return holidaysPauseSla() ? day -> ch.opsfabric.time.SwissHolidays.isHoliday(canton, day) : day -> false;
    }

    public int retentionMonths() {
        int months = document == null ? 0 : document.path("retentionMonths").asInt(0);
        return months > 0 ? months : DEFAULT_RETENTION_MONTHS;
    }

    public Optional<String> googleReview() {
        return Optional.ofNullable(googleReviewLink).filter(s -> !s.isBlank());
    }
}
