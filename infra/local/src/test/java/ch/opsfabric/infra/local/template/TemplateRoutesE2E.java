package ch.opsfabric.infra.local.template;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.infra.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP route of template.yaml reaches the function the template names, in the running
 * local stack, and that function answers it (no 5xx).
 */
class TemplateRoutesE2E {

    @Test
    void everyRouteIsAnsweredByItsFunction() throws Exception {
        SamTemplate template = SamTemplate.locate();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (LocalStack stack = LocalStack.start(0)) {
            for (var function : template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
                for (var event : iterable(function.getValue().path("Properties").path("Events").elements())) {
                    if (!event.path("Type").asText().equals("HttpApi")) {
                        continue;
                    }
                    String method = event.path("Properties").path("Method").asText().toUpperCase();
                    String path = event.path("Properties").path("Path").asText();
                    String concrete = path.equals("$default") ? "/sanitaer-keller/" : path
                            .replace("{slug}", "sanitaer-keller").replace("{page}", "leistungen")
                            .replace("{id}", "20261126-000000000000").replace("{token}", "AAAAAAAAAAAAAAAAAAAAAA");
                    String verb = method.equals("ANY") ? "GET" : method;
                    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + concrete))
                            .header("content-type", "application/json")
                            .method(verb, verb.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString("{}"))
                            .build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    String answeredBy = response.headers().firstValue("x-local-function").orElse("(gateway)");
                    if (!answeredBy.equals(function.getKey()) || response.statusCode() >= 500) {
                        problems.add(method + " " + path + " → " + answeredBy + " " + response.statusCode());
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked >= 17, "routes checked: " + checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
