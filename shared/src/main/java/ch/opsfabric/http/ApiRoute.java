package ch.opsfabric.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** One HTTP route of a function: {@code "METHOD /path"} in template.yaml. */
@FunctionalInterface
public interface ApiRoute {

    APIGatewayV2HTTPResponse handle(ApiRequest request);
}
