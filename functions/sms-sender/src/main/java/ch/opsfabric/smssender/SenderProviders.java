package ch.opsfabric.smssender;

import ch.opsfabric.app.Env;
import ch.opsfabric.messaging.ConsoleSmsProvider;
import ch.opsfabric.messaging.SmsProvider;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The providers this deployment can use, from its environment: console always (dev tenants; in the local stack it reports to the stack's SMS sink),
 * eCall and Twilio when their credentials are configured. A tenant whose provider is missing
 * gets its messages retried into the DLQ, never silently dropped.
 */
final class SenderProviders {

    private SenderProviders() {
    }

    static List<SmsProvider> fromEnvironment(Clock clock) {
        List<SmsProvider> providers = new ArrayList<>();
        String sink = Env.optional("OPSFABRIC_LOCAL_SMS_SINK");
        providers.add(new ConsoleSmsProvider(clock, sink == null ? null : URI.create(sink)));
        String ecallUser = Env.optional("ECALL_USERNAME");
        if (ecallUser != null) {
            providers.add(new EcallSmsProvider(orDefault(Env.optional("ECALL_BASE_URL"), "https://rest.ecall.ch"),
                    ecallUser, Env.require("ECALL_PASSWORD")));
        }
        String twilioSid = Env.optional("TWILIO_ACCOUNT_SID");
        if (twilioSid != null) {
            providers.add(new TwilioSmsProvider(orDefault(Env.optional("TWILIO_API_BASE_URL"), "https://api.twilio.com"),
                    twilioSid, Env.require("TWILIO_AUTH_TOKEN")));
        }
        return providers;
    }

    /** {@code EMAIL_PROVIDER}: {@code postmark} with its server token, else the console (local stack, dev). */
    static ch.opsfabric.messaging.EmailProvider emailFromEnvironment(Clock clock) {
        if ("postmark".equals(Env.optional("EMAIL_PROVIDER"))) {
            return new PostmarkEmailProvider(orDefault(Env.optional("POSTMARK_API_BASE_URL"), "https://api.postmarkapp.com"),
                    Env.require("POSTMARK_SERVER_TOKEN"), HttpSmsGateway.DEFAULT_TIMEOUT);
        }
        String sink = Env.optional("OPSFABRIC_LOCAL_EMAIL_SINK");
        return new ch.opsfabric.messaging.ConsoleEmailProvider(clock, sink == null ? null : URI.create(sink));
    }

    /**
     * The WhatsApp providers by the name tenants configure: Meta's Cloud API with the system user's
     * token and Twilio with the account's credentials, each when configured; with
     * {@code WHATSAPP_PROVIDER=console} (the local stack) the console stands in for both.
     */
    static java.util.Map<String, ch.opsfabric.messaging.WhatsAppProvider> whatsAppFromEnvironment(Clock clock) {
        if (!"meta".equals(Env.optional("WHATSAPP_PROVIDER"))) {
            String sink = Env.optional("OPSFABRIC_LOCAL_WHATSAPP_SINK");
            return consoleWhatsApp(new ch.opsfabric.messaging.ConsoleWhatsAppProvider(clock, sink == null ? null : URI.create(sink)));
        }
        java.util.Map<String, ch.opsfabric.messaging.WhatsAppProvider> providers = new java.util.HashMap<>();
        String token = Env.optional("META_ACCESS_TOKEN");
        if (token != null) {
            providers.put("meta", new MetaWhatsAppProvider(orDefault(Env.optional("META_GRAPH_BASE_URL"),
                    "https://graph.facebook.com/v21.0"), token, HttpSmsGateway.DEFAULT_TIMEOUT));
        }
        String twilioSid = Env.optional("TWILIO_ACCOUNT_SID");
        if (twilioSid != null) {
            providers.put("twilio", new TwilioWhatsAppProvider(orDefault(Env.optional("TWILIO_API_BASE_URL"),
                    "https://api.twilio.com"), twilioSid, Env.require("TWILIO_AUTH_TOKEN"), HttpSmsGateway.DEFAULT_TIMEOUT));
        }
        return providers;
    }

    /** The console in the place of every WhatsApp provider. */
    static java.util.Map<String, ch.opsfabric.messaging.WhatsAppProvider> consoleWhatsApp(
            ch.opsfabric.messaging.WhatsAppProvider console) {
        return java.util.Map.of("meta", console, "twilio", console, "console", console);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
