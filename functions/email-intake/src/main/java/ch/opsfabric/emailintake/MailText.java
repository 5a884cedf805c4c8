package ch.opsfabric.emailintake;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the customer wrote, as plain text: Postmark's {@code StrippedTextReply} (the new part of a
 * reply) when present, else {@code TextBody}, else {@code HtmlBody} reduced to text — tags,
 * scripts, styles and quoted blocks dropped, entities decoded — so nothing of the mail's markup
 * reaches a page.
 */
final class MailText {

    /** Enough for any real message; the history of a ticket must stay far below DynamoDB's 400 KB. */
    static final int MAX_CHARS = 4000;

    private static final Pattern DROPPED = Pattern.compile(
            "(?is)<(script|style|head|blockquote)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAKS = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6])\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("auml", "ä"), Map.entry("ouml", "ö"),
            Map.entry("uuml", "ü"), Map.entry("Auml", "Ä"), Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"),
            Map.entry("szlig", "ß"), Map.entry("eacute", "é"), Map.entry("egrave", "è"), Map.entry("agrave", "à"),
            Map.entry("ccedil", "ç"), Map.entry("ecirc", "ê"), Map.entry("euro", "€"), Map.entry("ndash", "–"),
            Map.entry("mdash", "—"), Map.entry("laquo", "«"), Map.entry("raquo", "»"));

    private MailText() {
    }

    static String of(InboundEmail mail) {
        String text;
        if (present(mail.strippedReply())) {
            text = mail.strippedReply();
        } else if (present(mail.textBody())) {
            text = mail.textBody();
        } else if (present(mail.htmlBody())) {
            text = fromHtml(mail.htmlBody());
        } else {
            text = "";
        }
        return clip(normalize(text));
    }

    static String fromHtml(String html) {
        String text = DROPPED.matcher(html).replaceAll(" ");
        text = BREAKS.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
        }
        m.appendTail(out);
        // HTML's own whitespace means nothing; what is left must not read as markup anywhere it is shown
        return out.toString().replaceAll("[ \\t\\x0B\\f]+", " ").replaceAll("(?m)^ | $", "")
                .replace("<", "‹").replace(">", "›");
    }

    private static String decode(String entity, String original) {
        if (entity.startsWith("#")) {
            try {
                int code = entity.startsWith("#x") || entity.startsWith("#X")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                return Character.isValidCodePoint(code) && code >= 32 ? new String(Character.toChars(code)) : " ";
            } catch (NumberFormatException e) {
                return original;
            }
        }
        return NAMED.getOrDefault(entity, original);
    }

    /** CRLF to LF, no control characters, at most one empty line in a row, no trailing blanks. */
    static String normalize(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder clean = new StringBuilder(lf.length());
        lf.codePoints().filter(c -> c == '\n' || c == '\t' || c >= 32 && c != 0x7f)
                .forEach(clean::appendCodePoint);
        return clean.toString().replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String clip(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
