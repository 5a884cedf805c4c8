package ch.opsfabric.voiceagent;

import ch.opsfabric.aws.SignedCalls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * API Gateway's {@code PostToConnection}: {@code POST {callback}/@connections/{connectionId}}
 * with the message as the body, SigV4-signed for {@code execute-api} (written out: the SDK's
 * client for it would add megabytes for one call). 410 means the caller hung up.
 */
final class ManagementApiConnections implements Connections {

    private final String callbackUrl;
    private final SignedCalls api;

    /** @param callbackUrl {@code https://<api-id>.execute-api.<region>.amazonaws.com/<stage>} */
    ManagementApiConnections(String callbackUrl, String region, AwsCredentialsProvider credentials) {
        this.callbackUrl = callbackUrl.replaceAll("/+$", "");
        this.api = new SignedCalls(credentials, "execute-api", region, false);
    }

    @Override
    public boolean post(String connectionId, String message) {
        URI uri = URI.create(callbackUrl + "/@connections/" + URLEncoder.encode(connectionId, StandardCharsets.UTF_8));
        HttpResponse<String> response = api.send(SdkHttpMethod.POST, uri, Map.of("content-type", "application/json"),
                message.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3), "API Gateway");
        if (response.statusCode() == 410) {
            return false;
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PostToConnection refused: HTTP " + response.statusCode());
        }
        return true;
    }
}
