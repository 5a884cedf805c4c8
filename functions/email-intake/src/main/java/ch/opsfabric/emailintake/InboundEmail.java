package ch.opsfabric.emailintake;

import ch.opsfabric.contact.Identifiers;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One e-mail as Postmark's inbound webhook delivers it, read strictly: a field of the wrong type
 * or a sender that is no address makes the whole body unreadable (400), nothing half-read goes on.
 *
 * @param providerId   Postmark's {@code MessageID}: the same on every retry of this webhook
 * @param messageId    the mail's own {@code Message-ID} header; may be null
 * @param threadIds    {@code In-Reply-To} first, then {@code References} newest first: what it answers
 * @param recipients   {@code OriginalRecipient}, then {@code ToFull}/{@code CcFull} addresses, lower-case
 * @param headers      header name (lower-case) → values, in order
 */
record InboundEmail(
        String providerId,
        String messageId,
        List<String> threadIds,
        String from,
        String fromName,
        String mailboxHash,
        List<String> recipients,
        String subject,
        String strippedReply,
        String textBody,
        String htmlBody,
        Map<String, List<String>> headers,
        List<Attachment> attachments) {

    /** Postmark ids are UUIDs; anything this long is not one of theirs. */
    static final int MAX_ID = 200;
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]{1,250})>");

    /**
     * @param content decoded bytes; null when the attachment was announced but not delivered (too large)
     */
    record Attachment(String name, String contentType, long contentLength, byte[] content) {
    }

    /** The header's first value, or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @throws IllegalArgumentException saying which field is wrong */
    static InboundEmail read(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("Erwartet wird ein JSON-Objekt.");
        }
        String providerId = requiredText(json, "MessageID");
        if (providerId.length() > MAX_ID) {
            throw new IllegalArgumentException("MessageID ist zu lang.");
        }
        JsonNode fromFull = json.path("FromFull");
        if (!fromFull.isMissingNode() && !fromFull.isObject() && !fromFull.isNull()) {
            throw new IllegalArgumentException("FromFull muss ein Objekt sein.");
        }
        String rawFrom = fromFull.isObject() && fromFull.hasNonNull("Email") ? text(fromFull, "Email") : text(json, "From");
        String from = Identifiers.normalizeAddress(rawFrom);
        if (from == null) {
            throw new IllegalArgumentException("From ist keine E-Mail-Adresse.");
        }
        String fromName = fromFull.isObject() && fromFull.hasNonNull("Name") ? text(fromFull, "Name") : text(json, "FromName");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode headerList = json.path("Headers");
        if (!headerList.isMissingNode() && !headerList.isNull()) {
            if (!headerList.isArray()) {
                throw new IllegalArgumentException("Headers muss eine Liste sein.");
            }
            for (JsonNode h : headerList) {
                if (!h.isObject() || !h.path("Name").isTextual() || !h.path("Value").isTextual()) {
                    throw new IllegalArgumentException("Jeder Header braucht Name und Value als Text.");
                }
                headers.computeIfAbsent(h.get("Name").asText().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.get("Value").asText());
            }
        }
        List<String> recipients = new ArrayList<>();
        addAddress(recipients, text(json, "OriginalRecipient"));
        for (String list : new String[] {"ToFull", "CcFull"}) {
            JsonNode full = json.path(list);
            if (full.isMissingNode() || full.isNull()) {
                continue;
            }
            if (!full.isArray()) {
                throw new IllegalArgumentException(list + " muss eine Liste sein.");
            }
            for (JsonNode r : full) {
                if (!r.isObject()) {
                    throw new IllegalArgumentException(list + " enthält etwas anderes als Adressen.");
                }
                addAddress(recipients, text(r, "Email"));
            }
        }
        InboundEmail partial = new InboundEmail(providerId, null, List.of(), from, blankToNull(fromName),
                blankToNull(text(json, "MailboxHash")), recipients, text(json, "Subject"), text(json, "StrippedTextReply"),
                text(json, "TextBody"), text(json, "HtmlBody"), headers, attachments(json));
        String messageId = partial.header("Message-ID");
        List<String> thread = new ArrayList<>(ids(partial.header("In-Reply-To")));
        List<String> references = ids(String.join(" ", headers.getOrDefault("references", List.of())));
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!thread.contains(references.get(i))) {
                thread.add(references.get(i));
            }
        }
        return new InboundEmail(providerId, messageId == null || ids(messageId).isEmpty() ? null : ids(messageId).get(0),
                List.copyOf(thread), from, partial.fromName(), partial.mailboxHash(), List.copyOf(recipients),
                partial.subject() == null ? "" : partial.subject(), partial.strippedReply(), partial.textBody(),
                partial.htmlBody(), headers, partial.attachments());
    }

    /** {@code <a@b> <c@d>} → {@code [<a@b>, <c@d>]}. */
    static List<String> ids(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        Matcher m = ANGLE_ID.matcher(header);
        while (m.find()) {
            out.add("<" + m.group(1) + ">");
        }
        return out;
    }

    private static List<Attachment> attachments(JsonNode json) {
        JsonNode list = json.path("Attachments");
        List<Attachment> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("Attachments muss eine Liste sein.");
        }
        for (JsonNode a : list) {
            if (!a.isObject()) {
                throw new IllegalArgumentException("Attachments enthält etwas anderes als Anhänge.");
            }
            String name = text(a, "Name");
            String type = text(a, "ContentType");
            JsonNode length = a.path("ContentLength");
            if (!length.isMissingNode() && !length.isNull() && !length.canConvertToLong()) {
                throw new IllegalArgumentException("ContentLength muss eine Zahl sein.");
            }
            String content = text(a, "Content");
            byte[] bytes = null;
            if (content != null && !content.isEmpty()) {
                try {
                    bytes = Base64.getMimeDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Der Inhalt eines Anhangs ist kein Base64.");
                }
            }
            out.add(new Attachment(name == null ? "anhang" : name, type == null ? "application/octet-stream" : type,
                    length.canConvertToLong() ? length.asLong() : (bytes == null ? 0 : bytes.length), bytes));
        }
        return out;
    }

    private static void addAddress(List<String> recipients, String raw) {
        String address = Identifiers.normalizeAddress(raw);
        if (address != null && !recipients.contains(address)) {
            recipients.add(address);
        }
    }

    private static String requiredText(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " fehlt.");
        }
        return value;
    }

    /** A text field, null when absent or null; any other type is refused. */
    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " muss Text sein.");
        }
        return value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
