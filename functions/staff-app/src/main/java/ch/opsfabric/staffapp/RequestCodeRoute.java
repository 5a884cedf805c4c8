package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * {@code POST /app/login} {@code mobile=…}: a code by SMS, then the code page. Known or unknown
 * number, the answer is the same.
 */
final class RequestCodeRoute implements ApiRoute {

    private final SignIn signIn;
    private final AppHttp http;
    private final AppPages pages;

    RequestCodeRoute(SignIn signIn, AppHttp http, AppPages pages) {
        this.signIn = signIn;
        this.http = http;
        this.pages = pages;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        http.requireOwnOrigin(request);
        FormBody form = AppHttp.form(request);
        String mobile = form.first("mobile").orElse("");
        SignIn.CodeRequest result = signIn.requestCode(mobile, request.viewerAddress());
        if (result instanceof SignIn.CodeSent sent) {
            return AppHttp.seeOther("/app/login/code", AppHttp.cookies(http.setCookie(http.attemptCookie, sent.attemptId(),
                    SignIn.CODE_LIFETIME.toSeconds())));
        }
        if (result instanceof SignIn.TooMany) {
            return AppHttp.page(429, pages.login(mobile, "Zu viele Versuche. Bitte warten Sie eine Minute."));
        }
        return AppHttp.page(400, pages.login(mobile, "Bitte geben Sie Ihre Handynummer an, z. B. 079 123 45 67."));
    }
}
