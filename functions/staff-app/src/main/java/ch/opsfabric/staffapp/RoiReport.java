package ch.opsfabric.staffapp;

import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.stats.DailyStats.Counter;
import ch.opsfabric.tenant.Tenant;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ROI figures of a range of days, from the daily counters alone (one Query per 31 days):
 * what came in, what was answered, what was recovered and what that is worth.
 */
final class RoiReport {

    static final long MAX_DAYS = 366;

    enum Range { WEEK, MONTH, CUSTOM }

    /**
     * @param recovered       missed calls whose ticket reached SCHEDULED or later
     * @param medianResponse  minutes from first contact to first response, median; null without any
     * @param adherence       share of first responses within the SLA, in percent; null without any
     * @param clickRate       review clicks per review request sent, in percent; null without any request
     * @param revenue         recovered × the tenant's average job value, in CHF
     */
    record Figures(LocalDate from, LocalDate to, long missedCalls, long withheldCalls, long menuSms,
                   long repliesUrgent, long repliesCallback, long repliesForm, long repliesOther, long recovered,
                   Map<String, Long> ticketsBySource, Long medianResponse, long responses, Double adherence,
                   long reviewRequests, long reviewClicks, Double clickRate, long jobValue, long revenue,
                   List<DailyStats.Day> days) {

        long totalMissedCalls() {
            return missedCalls + withheldCalls;
        }
    }

    /** A range the page can show: week or month to date, or from–to (checked). */
    record Period(LocalDate from, LocalDate to) {
    }

    private final Clock clock;
    private final DailyStats stats;

    RoiReport(Clock clock, DailyStats stats) {
        this.clock = clock;
        this.stats = stats;
    }

    Period period(Tenant tenant, Range range, LocalDate from, LocalDate to) {
        LocalDate today = clock.instant().atZone(tenant.config().zone()).toLocalDate();
        return switch (range) {
            case WEEK -> new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today);
            case MONTH -> new Period(today.withDayOfMonth(1), today);
            case CUSTOM -> {
                if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                    throw new IllegalArgumentException("a range of 1 to 366 days, the first day first");
                }
                yield new Period(from, to);
            }
        };
    }

    Figures figures(Tenant tenant, Period period) {
        List<DailyStats.Day> days = stats.range(tenant.id(), period.from(), period.to());
        long[] sum = new long[Counter.values().length];
        long withheld = 0;
        long inSla = 0;
        List<Long> minutes = new ArrayList<>();
        for (DailyStats.Day day : days) {
            for (Counter c : Counter.values()) {
                sum[c.ordinal()] += day.get(c);
            }
            withheld += day.withheldCalls();
            inSla += day.responsesInSla();
            minutes.addAll(day.responseMinutes());
        }
        Map<String, Long> bySource = new TreeMap<>();
        for (Counter c : Counter.values()) {
            if (c.name().startsWith("TICKETS_")) {
                bySource.put(c.name().substring("TICKETS_".length()), sum[c.ordinal()]);
            }
        }
        minutes.sort(null);
        Long median = minutes.isEmpty() ? null : minutes.size() % 2 == 1 ? minutes.get(minutes.size() / 2)
                : (minutes.get(minutes.size() / 2 - 1) + minutes.get(minutes.size() / 2)) / 2;
        long requests = sum[Counter.REVIEW_REQUESTS_SENT.ordinal()];
        long clicks = sum[Counter.REVIEW_CLICKS.ordinal()];
        long recovered = sum[Counter.RECOVERED_CALLS.ordinal()];
        long jobValue = Math.round(tenant.config().document().path("averageJobValueChf").asDouble(0));
        return new Figures(period.from(), period.to(), sum[Counter.MISSED_CALLS.ordinal()], withheld,
                sum[Counter.MENU_SMS_SENT.ordinal()], sum[Counter.REPLIES_URGENT.ordinal()],
                sum[Counter.REPLIES_CALLBACK.ordinal()], sum[Counter.REPLIES_FORM.ordinal()],
                sum[Counter.REPLIES_OTHER.ordinal()], recovered, bySource, median, minutes.size(),
                minutes.isEmpty() ? null : 100.0 * inSla / minutes.size(), requests, clicks,
                requests == 0 ? null : 100.0 * clicks / requests, jobValue, recovered * jobValue, days);
    }
}
