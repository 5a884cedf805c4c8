package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiRoute;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /app}: the inbox is the app's start page. */
final class AppHomeRoute implements ApiRoute {

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return AppHttp.seeOther("/app/tickets");
    }
}
