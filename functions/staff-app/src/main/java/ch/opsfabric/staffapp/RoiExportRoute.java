package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.stats.DailyStats;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** {@code GET /app/roi/export?range=…}: the range's daily figures as CSV, one row per day, for a spreadsheet. */
final class RoiExportRoute extends SignedInRoute {

    private final RoiReport report;

    RoiExportRoute(SignIn signIn, AppHttp http, AppPages pages, RoiReport report) {
        super(signIn, http, pages);
        this.report = report;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        RoiReport.Period period;
        try {
            period = report.period(staff.tenant(), RoiRoute.range(request), RoiRoute.date(request, "from"),
                    RoiRoute.date(request, "to"));
        } catch (IllegalArgumentException e) {
            return AppHttp.page(400, pages.error(staff, "Zeitraum ungültig",
                    "Bitte wählen Sie einen Zeitraum von 1 bis 366 Tagen, den ersten Tag zuerst."));
        }
        RoiReport.Figures figures = report.figures(staff.tenant(), period);
        Map<LocalDate, DailyStats.Day> byDay = new HashMap<>();
        figures.days().forEach(d -> byDay.put(d.day(), d));
        StringBuilder csv = new StringBuilder("day,missed_calls,withheld_calls,menu_sms_sent,replies_1,replies_2,replies_3,"
                + "replies_other,recovered_calls,tickets_missed_call,tickets_sms_reply,tickets_wizard,tickets_whatsapp,"
                + "tickets_email,tickets_manual,first_responses,first_responses_in_sla,review_requests_sent,review_clicks\r\n");
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            DailyStats.Day day = byDay.getOrDefault(d, new DailyStats.Day(d, Map.of(), 0, java.util.List.of(), 0));
            csv.append(d).append(',').append(day.get(DailyStats.Counter.MISSED_CALLS) + day.withheldCalls())
                    .append(',').append(day.withheldCalls());
            for (DailyStats.Counter c : new DailyStats.Counter[] {DailyStats.Counter.MENU_SMS_SENT,
                    DailyStats.Counter.REPLIES_URGENT, DailyStats.Counter.REPLIES_CALLBACK, DailyStats.Counter.REPLIES_FORM,
                    DailyStats.Counter.REPLIES_OTHER, DailyStats.Counter.RECOVERED_CALLS,
                    DailyStats.Counter.TICKETS_MISSED_CALL, DailyStats.Counter.TICKETS_SMS_REPLY,
                    DailyStats.Counter.TICKETS_WIZARD, DailyStats.Counter.TICKETS_WHATSAPP, DailyStats.Counter.TICKETS_EMAIL,
                    DailyStats.Counter.TICKETS_MANUAL}) {
                csv.append(',').append(day.get(c));
            }
            csv.append(',').append(day.responseMinutes().size()).append(',').append(day.responsesInSla())
                    .append(',').append(day.get(DailyStats.Counter.REVIEW_REQUESTS_SENT))
                    .append(',').append(day.get(DailyStats.Counter.REVIEW_CLICKS)).append("\r\n");
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/csv; charset=utf-8", "cache-control", "private, no-store",
                        "content-disposition", "attachment; filename=\"opsfabric-" + staff.tenant().slug() + "-"
                                + period.from() + "-" + period.to() + ".csv\""))
                .withBody(csv.toString()).build();
    }
}
