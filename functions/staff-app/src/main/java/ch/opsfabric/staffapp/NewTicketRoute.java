package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.tenant.WizardFlow;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /app/tickets/new[?flow=]} and {@code POST /app/tickets/new}: a ticket logged by hand
 * (source {@code manual}), with the wizard's questions and validation; saved → its ticket page.
 */
final class NewTicketRoute extends SignedInRoute {

    private final IntakeSubmission submission;

    NewTicketRoute(SignIn signIn, AppHttp http, AppPages pages, IntakeSubmission submission) {
        super(signIn, http, pages);
        this.submission = submission;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        if ("GET".equals(request.method())) {
            WizardFlow flow = request.query("flow").flatMap(id -> staff.tenant().flow(id)).orElse(null);
            return AppHttp.page(200, pages.newTicket(staff, flow, Map.of(), Map.of()));
        }
        FormBody form = AppHttp.form(request);
        AppHttp.requireCsrf(form, staff.session().csrf());
        Map<String, String> values = new LinkedHashMap<>();
        for (FormBody.Pair pair : form.pairs()) {
            if (!pair.name().equals("_csrf")) {
                values.put(pair.name(), pair.value());
            }
        }
        IntakeSubmission.Result result = submission.recordManual(staff.tenant(), values, staff.member().name());
        if (result instanceof IntakeSubmission.Accepted accepted) {
            return AppHttp.seeOther("/app/tickets/" + accepted.ticket().id() + "?ok=" + (accepted.joined() ? "joined" : "created"));
        }
        WizardFlow flow = staff.tenant().flow(values.getOrDefault("flow", "")).orElse(null);
        Map<String, String> errors = result instanceof IntakeSubmission.Invalid invalid ? invalid.fieldErrors()
                : Map.of("flow", "Bitte wählen Sie, worum es geht.");
        return AppHttp.page(400, pages.newTicket(staff, flow, values, errors));
    }
}
