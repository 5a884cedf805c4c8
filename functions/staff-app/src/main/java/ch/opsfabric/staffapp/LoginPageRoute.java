package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiRoute;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /app/login}: the number field; someone signed in goes straight to the inbox. */
final class LoginPageRoute implements ApiRoute {

    private final SignIn signIn;
    private final AppHttp http;
    private final AppPages pages;

    LoginPageRoute(SignIn signIn, AppHttp http, AppPages pages) {
        this.signIn = signIn;
        this.http = http;
        this.pages = pages;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        if (signIn.current(AppHttp.cookie(request, http.sessionCookie).orElse(null)).isPresent()) {
            return AppHttp.seeOther("/app/tickets");
        }
        return AppHttp.page(200, pages.login(null, null));
    }
}
