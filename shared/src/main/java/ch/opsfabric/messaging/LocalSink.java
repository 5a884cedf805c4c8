package ch.opsfabric.messaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** The local stack's record of what the console providers "sent", reached over HTTP from any function process. */
final class LocalSink {

    private LocalSink() {
    }

    static void post(URI sink, byte[] json, String what) throws SmsSendException {
        try {
            HttpURLConnection connection = (HttpURLConnection) sink.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            connection.setRequestProperty("content-type", "application/json");
            connection.setFixedLengthStreamingMode(json.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(json);
            }
            int status = connection.getResponseCode();
            connection.getInputStream().close();
            if (status / 100 != 2) {
                throw new SmsSendException(what + " sink answered " + status, false);
            }
        } catch (IOException e) {
            // like a provider outage: the queue retries the message
            throw new SmsSendException(what + " sink unreachable: " + e.getMessage(), false, e);
        }
    }
}
