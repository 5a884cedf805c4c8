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
                    boolean iam = "AWS_IAM".equals(event.path("Properties").path("Auth").path("Authorizer").asText());
                    String concrete = path.equals("$default") ? "/sanitaer-keller/" : path
                            // the operator routes get a slug that does not exist: nothing is changed or deleted
                            .replace("{slug}", iam ? "no-such-tenant" : "sanitaer-keller").replace("{page}", "leistungen")
                            .replace("{id}", "20261126-000000000000").replace("{token}", "AAAAAAAAAAAAAAAAAAAAAA");
                    String verb = method.equals("ANY") ? "GET" : method;
                    URI uri = URI.create(stack.baseUrl() + concrete);
                    if (iam) {
                        // unsigned, the gateway refuses it without invoking anything
                        HttpResponse<String> unsigned = client.send(HttpRequest.newBuilder(uri)
                                .method(verb, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                        if (unsigned.statusCode() != 403 || unsigned.headers().firstValue("x-local-function").isPresent()) {
                            problems.add(method + " " + path + " unsigned → " + unsigned.statusCode());
                        }
                    }
                    HttpRequest request = iam
                            ? ch.opsfabric.infra.local.OperatorRequests.signed(verb, uri, verb.equals("GET") || verb.equals("DELETE") ? null : "{}")
                            : HttpRequest.newBuilder(uri)
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
        assertTrue(checked >= 26, "routes checked: " + checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
