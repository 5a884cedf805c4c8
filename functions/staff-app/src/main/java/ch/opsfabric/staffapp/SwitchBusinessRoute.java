package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.staff.Sessions;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Optional;

/**
 * {@code POST /app/switch tenant=…}: one number that works for several businesses moves to
 * another of them, without a new code (the number is verified); the old session ends.
 */
final class SwitchBusinessRoute extends SignedInRoute {

    SwitchBusinessRoute(SignIn signIn, AppHttp http, AppPages pages) {
        super(signIn, http, pages);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        FormBody form = AppHttp.form(request);
        AppHttp.requireCsrf(form, staff.session().csrf());
        Optional<SignIn.SignedIn> switched = signIn.switchTo(staff, form.first("tenant").orElse(""));
        if (switched.isEmpty()) {
            return AppHttp.page(404, pages.error(staff, "Betrieb nicht gefunden",
                    "Mit Ihrer Nummer können Sie diesen Betrieb nicht öffnen."));
        }
        return AppHttp.seeOther("/app/tickets", AppHttp.cookies(
                http.setCookie(http.sessionCookie, switched.get().token(), Sessions.IDLE.toSeconds())));
    }
}
