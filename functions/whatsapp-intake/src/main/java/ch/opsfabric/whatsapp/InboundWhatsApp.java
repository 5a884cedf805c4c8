package ch.opsfabric.whatsapp;

import java.time.Instant;

/**
 * One customer message from a WhatsApp webhook, whatever its type, as the intake needs it.
 *
 * @param phoneNumberId the business number it was sent to (routes it to a tenant)
 * @param waId          the customer's WhatsApp id: their number in E.164 without the {@code +}
 * @param wamid         the message id: the same on every retry
 * @param type          Meta's type ({@code text}, {@code image}, …)
 * @param text          what it says, in words (a caption, a button's title, a location), never null
 * @param choice        the id of a tapped button or list row, or the text when it is only a menu digit; may be null
 * @param media         a file to fetch; null when there is none
 */
record InboundWhatsApp(String phoneNumberId, String waId, String profileName, String wamid, Instant at, String type,
                       String text, String choice, Media media) {

    /**
     * @param sha256 as the webhook gives it (base64 of the SHA-256), checked after the download
     * @param url    where Twilio keeps it; null for Meta's (Graph tells where)
     */
    record Media(String id, String mimeType, String sha256, String filename, String url) {
    }
}
