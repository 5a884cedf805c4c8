package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /app/logout}: the session is deleted on the server, the cookie cleared. */
final class LogoutRoute extends SignedInRoute {

    LogoutRoute(SignIn signIn, AppHttp http, AppPages pages) {
        super(signIn, http, pages);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        AppHttp.requireCsrf(AppHttp.form(request), staff.session().csrf());
        signIn.signOut(staff);
        return AppHttp.seeOther("/app/login", AppHttp.cookies(http.clearCookie(http.sessionCookie)));
    }
}
