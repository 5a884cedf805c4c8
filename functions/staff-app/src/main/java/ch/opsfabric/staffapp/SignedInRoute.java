package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.tenant.Module;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Optional;

/**
 * A page or action for signed-in staff. Without a live session it sends the browser to the
 * sign-in; a tenant whose dashboard module is off answers 404 — the app does not exist for it.
 */
abstract class SignedInRoute implements ApiRoute {

    protected final SignIn signIn;
    protected final AppHttp http;
    protected final AppPages pages;

    SignedInRoute(SignIn signIn, AppHttp http, AppPages pages) {
        this.signIn = signIn;
        this.http = http;
        this.pages = pages;
    }

    @Override
    public final APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Optional<SignIn.Staff> staff = signIn.current(AppHttp.cookie(request, http.sessionCookie).orElse(null));
        if (staff.isEmpty()) {
            // a page goes to the sign-in; a form sent without a session is refused, nothing done
            return "GET".equals(request.method()) ? AppHttp.seeOther("/app/login")
                    : AppHttp.page(401, pages.error(null, "Bitte melden Sie sich an",
                    "Ihre Anmeldung ist abgelaufen. Melden Sie sich neu an; danach können Sie es noch einmal versuchen."));
        }
        if (!staff.get().tenant().has(Module.DASHBOARD)) {
            return AppHttp.page(404, pages.error(null, "Seite nicht gefunden", "Diese Adresse gibt es für Ihren Betrieb nicht."));
        }
        return handle(request, staff.get());
    }

    protected abstract APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff);
}
