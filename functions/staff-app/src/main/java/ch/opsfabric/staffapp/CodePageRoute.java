package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiRoute;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /app/login/code}: where the SMS code is typed in; without a pending attempt, back to the number. */
final class CodePageRoute implements ApiRoute {

    private final AppHttp http;
    private final AppPages pages;

    CodePageRoute(AppHttp http, AppPages pages) {
        this.http = http;
        this.pages = pages;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        if (AppHttp.cookie(request, http.attemptCookie).filter(v -> !v.isEmpty()).isEmpty()) {
            return AppHttp.seeOther("/app/login");
        }
        return AppHttp.page(200, pages.code(null));
    }
}
