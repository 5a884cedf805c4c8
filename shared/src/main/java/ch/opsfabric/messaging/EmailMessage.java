package ch.opsfabric.messaging;

/**
 * One e-mail as a provider sends it.
 *
 * @param from    the deployment's sender address (a verified sender at the provider)
 * @param headers extra headers in order, e.g. {@code Message-ID}, {@code In-Reply-To}, {@code References}
 */
public record EmailMessage(String tenantId, String fromName, String from, String to, String toName, String replyTo,
                           String subject, String text, java.util.List<Header> headers, String tag) {

    public EmailMessage {
        headers = headers == null ? java.util.List.of() : java.util.List.copyOf(headers);
    }

    public record Header(String name, String value) {
    }
}
