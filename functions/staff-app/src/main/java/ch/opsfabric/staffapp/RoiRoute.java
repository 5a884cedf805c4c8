package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /app/roi?range=WEEK|MONTH|CUSTOM&from=&to=}: the figures of the range, from the daily
 * counters only. A range that cannot be shown falls back to this week and says why.
 */
final class RoiRoute extends SignedInRoute {

    private final RoiReport report;

    RoiRoute(SignIn signIn, AppHttp http, AppPages pages, RoiReport report) {
        super(signIn, http, pages);
        this.report = report;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        RoiReport.Range range = range(request);
        try {
            RoiReport.Period period = report.period(staff.tenant(), range, date(request, "from"), date(request, "to"));
            return AppHttp.page(200, pages.roi(staff, range, report.figures(staff.tenant(), period), null));
        } catch (IllegalArgumentException e) {
            RoiReport.Period week = report.period(staff.tenant(), RoiReport.Range.WEEK, null, null);
            return AppHttp.page(400, pages.roi(staff, RoiReport.Range.WEEK, report.figures(staff.tenant(), week),
                    "Bitte wählen Sie einen Zeitraum von 1 bis 366 Tagen, den ersten Tag zuerst. Gezeigt wird diese Woche."));
        }
    }

    static RoiReport.Range range(ApiRequest request) {
        String value = request.query("range").orElse("WEEK");
        for (RoiReport.Range r : RoiReport.Range.values()) {
            if (r.name().equals(value)) {
                return r;
            }
        }
        return RoiReport.Range.WEEK;
    }

    static LocalDate date(ApiRequest request, String name) {
        try {
            return request.query(name).map(LocalDate::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date", e);
        }
    }
}
