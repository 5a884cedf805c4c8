package ch.opsfabric.messaging;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every SMS text, German Sie-form, as mustache templates in {@code /sms/<name>.mustache}, and the
 * plain-text e-mails in {@code /email/}. Compiled once per JVM. Both are plain text, so nothing is
 * HTML-escaped.
 */
public final class SmsTemplates {

    public enum Name {
        TICKET_CONFIRMATION, TICKET_CONFIRMATION_URGENT,
        MISSED_CALL_MENU, MISSED_CALL_MENU_WEEKEND,
        URGENT_ALERT, URGENT_CONFIRMATION, CALLBACK_CONFIRMATION, FORM_LINK, REPLY_ACKNOWLEDGEMENT,
        OPT_OUT_CONFIRMATION, OPT_IN_CONFIRMATION,
        REVIEW_REQUEST, STATUS_SCHEDULED, STATUS_IN_PROGRESS, STATUS_DONE, LOGIN_CODE,
        /** The one e-mail text, in {@code /email/}. */
        EMAIL_TICKET_CONFIRMATION;

        String file() {
            String base = name().toLowerCase(Locale.ROOT).replace('_', '-');
            return base.startsWith("email-") ? "email/" + base.substring(6) + ".mustache" : "sms/" + base + ".mustache";
        }
    }

    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final Map<Name, Mustache> compiled = new EnumMap<>(Name.class);

    public SmsTemplates() {
        for (Name name : Name.values()) {
            compiled.put(name, FACTORY.compile(name.file()));
        }
    }

    public String render(Name name, Map<String, ?> scope) {
        StringWriter out = new StringWriter(200);
        compiled.get(name).execute(out, scope);
        return out.toString().strip();
    }
}
