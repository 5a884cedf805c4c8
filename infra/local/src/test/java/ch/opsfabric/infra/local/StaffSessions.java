package ch.opsfabric.infra.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Signing in to the staff app over HTTP as a phone would: number, the code from {@code /_local/sms}, the session cookie. */
final class StaffSessions {

    private StaffSessions() {
    }

    /** @return {@code ofs=<token>}, ready for a {@code cookie} header */
    static String signIn(String baseUrl, LocalHttp http, String mobile) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        int codesBefore = PhoneBrowser.codes(http.json(http.get("/_local/sms")), mobile);
        HttpResponse<String> asked = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/app/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mobile=" + java.net.URLEncoder.encode(mobile, "UTF-8"))).build(),
                HttpResponse.BodyHandlers.ofString());
        String attempt = asked.headers().firstValue("set-cookie").orElseThrow().replaceAll(";.*", "");
        String code = PhoneBrowser.latestCode(http, mobile, codesBefore);
        HttpResponse<String> verified = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/app/login/code"))
                .header("content-type", "application/x-www-form-urlencoded").header("cookie", attempt)
                .POST(HttpRequest.BodyPublishers.ofString("code=" + code)).build(), HttpResponse.BodyHandlers.ofString());
        for (String cookie : verified.headers().allValues("set-cookie")) {
            if (cookie.startsWith("ofs=")) {
                return cookie.replaceAll(";.*", "");
            }
        }
        throw new IllegalStateException("no session after the code: " + verified.statusCode() + " " + verified.body());
    }
}
