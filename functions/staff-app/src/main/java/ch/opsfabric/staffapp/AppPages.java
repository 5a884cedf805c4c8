package ch.opsfabric.staffapp;

import ch.opsfabric.crypto.Tokens;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The staff app's pages ({@code /app/*.mustache} in a layout with the inlined stylesheet), compiled once. */
final class AppPages {

    private static final Locale DE_CH = Locale.forLanguageTag("de-CH");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EE d.M. HH:mm", DE_CH);

    private final DefaultMustacheFactory factory = new DefaultMustacheFactory("app");
    private final Map<String, Mustache> pages = new HashMap<>();
    private final Mustache layout;
    private final String css;

    AppPages() {
        for (String page : List.of("login", "code", "inbox", "ticket", "error", "roi", "new-ticket", "team")) {
            pages.put(page, factory.compile(page + ".mustache"));
        }
        layout = factory.compile("layout.mustache");
        css = resource("/app/app.css").replace("\n", "");
    }

    /** The page for someone not signed in (sign-in, code, errors). */
    String anonymous(String page, String title, Map<String, Object> model, String problem) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("title", title + " – OpsFabric");
        m.put("business", "OpsFabric");
        m.put("problem", problem);
        return render(page, m);
    }

    String login(String mobile, String problem) {
        return anonymous("login", "Anmelden", mobile == null ? Map.of() : Map.of("mobile", mobile), problem);
    }

    String code(String problem) {
        return anonymous("code", "Code eingeben", Map.of(), problem);
    }

    String error(SignIn.Staff staff, String heading, String message) {
        Map<String, Object> m = new HashMap<>(Map.of("heading", heading, "message", message,
                "back", staff == null ? "/app/login" : "/app/tickets",
                "backLabel", staff == null ? "Zur Anmeldung" : "Zu den Tickets"));
        return staff == null ? anonymous("error", heading, m, null) : signedIn(staff, "error", heading, m, null, null);
    }

    String inbox(SignIn.Staff staff, TicketDesk.Inbox inbox, TicketDesk.Filter filter, Instant now, String flash) {
        ZoneId zone = staff.tenant().config().zone();
        Map<String, Object> m = new HashMap<>();
        List<Map<String, Object>> counts = new ArrayList<>();
        inbox.openCounts().forEach((status, count) -> counts.add(Map.of("status", status.name(),
                "label", StatusLabels.label(status), "count", count, "current", status == filter.status())));
        m.put("counts", counts);
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (TicketStatus s : TicketStatus.values()) {
            statuses.add(option(s.name(), StatusLabels.label(s), s == filter.status()));
        }
        m.put("statuses", statuses);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (TicketSource s : TicketSource.values()) {
            sources.add(option(s.wireName(), StatusLabels.label(s), s == filter.source()));
        }
        m.put("sources", sources);
        List<Map<String, Object>> urgencies = new ArrayList<>();
        for (Urgency u : new Urgency[] {Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW}) {
            urgencies.add(option(u.name(), StatusLabels.label(u), u == filter.urgency()));
        }
        m.put("urgencies", urgencies);
        m.put("query", filter.query());
        m.put("breachedOnly", filter.breachedOnly());
        boolean filtered = filter.source() != null || filter.urgency() != null || filter.breachedOnly()
                || filter.query() != null && !filter.query().isBlank() || filter.status() != null;
        m.put("filtered", filtered);
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (Ticket t : inbox.tickets()) {
            Map<String, Object> item = new HashMap<>();
            item.put("id", t.id());
            item.put("who", who(t));
            item.put("reference", t.reference());
            item.put("source", StatusLabels.label(t.source()));
            item.put("status", StatusLabels.label(t.status()));
            item.put("urgent", t.urgency() == Urgency.HIGH);
            boolean breached = t.status().isOpen() && t.slaBreached(now);
            item.put("breached", breached);
            item.put("closed", !t.status().isOpen());
            item.put("slaText", !t.status().isOpen() ? "zuletzt " + WHEN.format(t.updatedAt().atZone(zone))
                    : span(Duration.between(now, t.slaDueAt()).abs()));
            tickets.add(item);
        }
        m.put("tickets", tickets);
        m.put("empty", tickets.isEmpty());
        if (inbox.nextCursor() != null) {
            m.put("next", "/app/tickets?" + query(filter) + "cursor=" + URLEncoder.encode(inbox.nextCursor(), StandardCharsets.UTF_8));
        }
        m.put("onTickets", true);
        return signedIn(staff, "inbox", "Tickets", m, flash, null);
    }

    /** @param person the contact behind the ticket, with its suspects; null when there is none */
    String ticket(SignIn.Staff staff, Ticket t, Instant now, ContactDesk.Person person, String flash, String problem) {
        ZoneId zone = staff.tenant().config().zone();
        Map<String, Object> m = new HashMap<>();
        m.put("id", t.id());
        m.put("who", who(t));
        m.put("reference", t.reference());
        m.put("source", StatusLabels.label(t.source()));
        m.put("status", StatusLabels.label(t.status()));
        m.put("urgency", StatusLabels.label(t.urgency()));
        if (t.phone() != null) {
            m.put("phone", PhoneNumbers.display(t.phone()));
            m.put("phoneE164", t.phone());
        }
        m.put("email", t.email());
        m.put("message", t.message());
        List<Map<String, Object>> fields = new ArrayList<>();
        if (t.category() != null) {
            fields.add(Map.of("name", "Kategorie", "value", t.category()));
        }
        // the wizard's own labels for its answers ("Adresse des Einsatzorts"), not the field names
        Map<String, String> labels = new HashMap<>();
        staff.tenant().branch().flow(t.flow() == null ? "" : t.flow()).ifPresent(flow ->
                ch.opsfabric.intake.WizardForms.of(staff.tenant().branch(), flow).fields()
                        .forEach(f -> labels.putIfAbsent(f.name(), f.label())));
        t.fields().forEach((k, v) -> fields.add(Map.of("name", labels.getOrDefault(k,
                k.isEmpty() ? k : Character.toUpperCase(k.charAt(0)) + k.substring(1)), "value", v)));
        m.put("fields", fields);
        m.put("slaDue", WHEN.format(t.slaDueAt().atZone(zone)));
        m.put("breached", t.status().isOpen() && t.slaBreached(now));
        m.put("appointment", t.appointmentAt() == null ? null : WHEN.format(t.appointmentAt().atZone(zone)));
        m.put("contactCount", t.contactCount());
        if (person != null) {
            List<String> known = new ArrayList<>();
            person.contact().phones().stream().sorted().filter(p -> !p.equals(t.phone()))
                    .forEach(p -> known.add(PhoneNumbers.display(p)));
            person.contact().emails().stream().sorted().filter(e -> t.email() == null || !e.equalsIgnoreCase(t.email()))
                    .forEach(known::add);
            m.put("alsoKnown", known.isEmpty() ? null : String.join(", ", known));
            m.put("personTickets", person.contact().ticketIds().size());
            List<Map<String, Object>> suspects = new ArrayList<>();
            person.suspects().forEach(s -> suspects.add(Map.of("suspectId", s.id(), "label", ContactDesk.describe(s),
                    "tickets", s.ticketIds().size())));
            m.put("suspects", suspects);
            m.put("hasSuspects", !suspects.isEmpty());
            m.put("person", true);
            m.put("owner", staff.member().role() == ch.opsfabric.staff.StaffMember.Role.OWNER);
        }
        List<Map<String, Object>> moves = new ArrayList<>();
        StatusLabels.movesFrom(t.status()).forEach(s -> moves.add(option(s.name(), StatusLabels.label(s), false)));
        m.put("moves", moves);
        m.put("hasMoves", !moves.isEmpty());
        m.put("canReply", t.phone() != null && PhoneNumbers.isMobile(t.phone()));
        m.put("nonce", Tokens.random());
        m.put("timeline", timeline(t, zone));
        m.put("onTickets", true);
        return signedIn(staff, "ticket", who(t) + " – Ticket " + t.reference(), m, flash, problem);
    }

    /** The manual ticket: without a flow the tenant's flows to choose from, with one its questions. */
    String newTicket(SignIn.Staff staff, ch.opsfabric.tenant.WizardFlow flow, Map<String, String> values,
                     Map<String, String> errors) {
        Map<String, Object> m = new HashMap<>();
        List<Map<String, Object>> flows = new ArrayList<>();
        staff.tenant().flows().forEach(f -> flows.add(Map.of("id", f.id(), "label", f.label())));
        m.put("flows", flows);
        if (flow != null) {
            m.put("flow", flow.id());
            m.put("flowLabel", flow.label());
            List<Map<String, Object>> fields = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ch.opsfabric.intake.WizardForms.Field field : ch.opsfabric.intake.WizardForms.of(staff.tenant().branch(), flow).fields()) {
                if (!seen.add(field.name())) {
                    continue;
                }
                Map<String, Object> f = new HashMap<>();
                f.put("name", field.name());
                // staff log what the customer said on the phone: the number is the one thing always needed
                f.put("label", field.label());
                f.put("required", field.required() || field.name().equals("phone"));
                f.put("type", field.type());
                f.put("select", field.type().equals("select"));
                f.put("textarea", field.type().equals("textarea"));
                f.put("input", !field.type().equals("select") && !field.type().equals("textarea"));
                String value = values.getOrDefault(field.name(), "");
                f.put("value", value);
                List<Map<String, Object>> options = new ArrayList<>();
                field.options().forEach(o -> options.add(Map.of("label", o, "selected", o.equals(value))));
                f.put("options", options);
                f.put("error", errors.get(field.name()));
                f.put("invalid", errors.containsKey(field.name()));
                fields.add(f);
            }
            m.put("fields", fields);
        }
        m.put("onTickets", true);
        return signedIn(staff, "new-ticket", "Ticket erfassen", m, null, errors.isEmpty() ? null
                : "Bitte prüfen Sie die markierten Angaben.");
    }

    String team(SignIn.Staff staff, List<ch.opsfabric.staff.StaffMember> members, String flash, String problem,
                Map<String, String> add, List<ch.opsfabric.tenant.Tenant> businesses) {
        Map<String, Object> m = new HashMap<>();
        List<Map<String, Object>> biz = new ArrayList<>();
        businesses.forEach(t -> biz.add(Map.of("id", t.id(), "name", t.name(), "current", t.id().equals(staff.tenant().id()),
                "csrf", staff.session().csrf())));
        m.put("businesses", biz);
        m.put("hasBusinesses", biz.size() > 1);
        boolean owner = staff.member().role() == ch.opsfabric.staff.StaffMember.Role.OWNER;
        m.put("owner", owner);
        List<Map<String, Object>> notices = new ArrayList<>();
        Map<ch.opsfabric.staff.StaffMember.Notice, String> labels = Map.of(
                ch.opsfabric.staff.StaffMember.Notice.URGENT, "Dringende Tickets",
                ch.opsfabric.staff.StaffMember.Notice.NEW_TICKET, "Jedes neue Ticket",
                ch.opsfabric.staff.StaffMember.Notice.SLA_SOON, "30 Minuten bevor eine Antwortzeit abläuft");
        for (ch.opsfabric.staff.StaffMember.Notice n : ch.opsfabric.staff.StaffMember.Notice.values()) {
            notices.add(Map.of("value", n.wireName(), "label", labels.get(n), "checked", staff.member().wants(n)));
        }
        m.put("notices", notices);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ch.opsfabric.staff.StaffMember member : members) {
            list.add(Map.of("id", member.id(), "name", member.name(), "mobile", PhoneNumbers.display(member.mobile()),
                    "role", member.role() == ch.opsfabric.staff.StaffMember.Role.OWNER ? "Inhaber/in" : "Mitarbeitende",
                    "removable", owner && !member.id().equals(staff.member().id()), "csrf", staff.session().csrf()));
        }
        m.put("members", list);
        m.put("addName", add.getOrDefault("name", ""));
        m.put("addMobile", add.getOrDefault("mobile", ""));
        m.put("onTeam", true);
        return signedIn(staff, "team", "Team", m, flash, problem);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", DE_CH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EE d.M.", DE_CH);

    String roi(SignIn.Staff staff, RoiReport.Range range, RoiReport.Figures f, String problem) {
        Map<String, Object> m = new HashMap<>();
        m.put("periodText", DATE.format(f.from()) + " bis " + DATE.format(f.to()));
        m.put("week", range == RoiReport.Range.WEEK);
        m.put("month", range == RoiReport.Range.MONTH);
        m.put("custom", range == RoiReport.Range.CUSTOM);
        m.put("from", f.from().toString());
        m.put("to", f.to().toString());
        m.put("csv", "/app/roi/export?range=CUSTOM&from=" + f.from() + "&to=" + f.to());
        m.put("revenue", chf(f.revenue()));
        m.put("formula", f.jobValue() == 0
                ? "Ohne durchschnittlichen Auftragswert (Einstellung averageJobValueChf) lässt sich kein Umsatz schätzen."
                : f.recovered() + " zurückgewonnene Aufträge × CHF " + chf(f.jobValue())
                + " (Ihr durchschnittlicher Auftragswert) = CHF " + chf(f.revenue()));
        m.put("missedCalls", f.totalMissedCalls());
        m.put("withheld", f.withheldCalls());
        m.put("menuSms", f.menuSms());
        m.put("r1", f.repliesUrgent());
        m.put("r2", f.repliesCallback());
        m.put("r3", f.repliesForm());
        m.put("rOther", f.repliesOther());
        m.put("recovered", f.recovered());
        List<Map<String, Object>> sources = new ArrayList<>();
        List<String> names = new ArrayList<>(f.ticketsBySource().keySet());
        for (int i = 0; i < names.size(); i++) {
            sources.add(Map.of("label", StatusLabels.label(TicketSource.valueOf(names.get(i))),
                    "count", f.ticketsBySource().get(names.get(i)), "last", i == names.size() - 1));
        }
        m.put("sources", sources);
        m.put("medianResponse", f.medianResponse() == null ? "noch keine" : f.medianResponse() + " Min.");
        m.put("slaMinutes", staff.tenant().config().slaResponse().toMinutes());
        m.put("adherence", f.adherence() == null ? "noch keine Antworten"
                : String.format(DE_CH, "%.0f %% von %d", f.adherence(), f.responses()));
        m.put("reviewRequests", f.reviewRequests());
        m.put("reviewClicks", f.reviewClicks());
        m.put("clickRate", f.clickRate() == null ? "–" : String.format(DE_CH, "%.0f %%", f.clickRate()));
        List<java.time.LocalDate> days = new ArrayList<>();
        for (java.time.LocalDate d = f.from(); !d.isAfter(f.to()); d = d.plusDays(1)) {
            days.add(d);
        }
        Map<java.time.LocalDate, ch.opsfabric.stats.DailyStats.Day> byDay = new HashMap<>();
        f.days().forEach(d -> byDay.put(d.day(), d));
        List<Map<String, Object>> charts = new ArrayList<>();
        chart(charts, "missed", "Verpasste Anrufe pro Tag", days, byDay,
                d -> d.get(ch.opsfabric.stats.DailyStats.Counter.MISSED_CALLS) + d.withheldCalls());
        chart(charts, "menu", "Menü-SMS pro Tag", days, byDay, d -> d.get(ch.opsfabric.stats.DailyStats.Counter.MENU_SMS_SENT));
        chart(charts, "replies", "Antworten auf das Menü pro Tag", days, byDay,
                d -> d.get(ch.opsfabric.stats.DailyStats.Counter.REPLIES_URGENT) + d.get(ch.opsfabric.stats.DailyStats.Counter.REPLIES_CALLBACK)
                        + d.get(ch.opsfabric.stats.DailyStats.Counter.REPLIES_FORM) + d.get(ch.opsfabric.stats.DailyStats.Counter.REPLIES_OTHER));
        chart(charts, "recovered", "Zurückgewonnene Anrufe pro Tag", days, byDay,
                d -> d.get(ch.opsfabric.stats.DailyStats.Counter.RECOVERED_CALLS));
        chart(charts, "tickets", "Neue Tickets pro Tag", days, byDay, d -> {
            long n = 0;
            for (ch.opsfabric.stats.DailyStats.Counter c : ch.opsfabric.stats.DailyStats.Counter.values()) {
                n += c.name().startsWith("TICKETS_") ? d.get(c) : 0;
            }
            return n;
        });
        chart(charts, "reviews", "Bewertungsanfragen pro Tag", days, byDay,
                d -> d.get(ch.opsfabric.stats.DailyStats.Counter.REVIEW_REQUESTS_SENT));
        chart(charts, "clicks", "Bewertungsklicks pro Tag", days, byDay, d -> d.get(ch.opsfabric.stats.DailyStats.Counter.REVIEW_CLICKS));
        m.put("charts", charts);
        m.put("onRoi", true);
        return signedIn(staff, "roi", "Zahlen", m, null, problem);
    }

    private static void chart(List<Map<String, Object>> charts, String id, String title, List<java.time.LocalDate> days,
                              Map<java.time.LocalDate, ch.opsfabric.stats.DailyStats.Day> byDay,
                              java.util.function.ToLongFunction<ch.opsfabric.stats.DailyStats.Day> value) {
        List<Long> values = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (java.time.LocalDate d : days) {
            ch.opsfabric.stats.DailyStats.Day day = byDay.get(d);
            long v = day == null ? 0 : value.applyAsLong(day);
            values.add(v);
            rows.add(Map.of("day", SHORT_DAY.format(d), "value", v));
        }
        charts.add(Map.of("id", id, "title", title, "svg", BarChart.svg("chart-" + id, title, days, values), "rows", rows));
    }

    /** Swiss grouping: 12'400. */
    static String chf(long amount) {
        return String.format(Locale.ROOT, "%,d", amount).replace(',', '\'');
    }

    /** Newest first; a staff SMS shows what became of it (the delivery written by the sender). */
    private static List<Map<String, Object>> timeline(Ticket t, ZoneId zone) {
        Map<String, String> delivered = new HashMap<>();
        for (TicketEvent e : t.history()) {
            if ("sms".equals(e.type()) && e.ref() != null) {
                delivered.put(e.ref(), e.text());
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (TicketEvent e : t.history()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("iso", e.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            item.put("at", WHEN.format(e.at().atZone(zone)));
            item.put("author", e.author());
            item.put("kind", e.type());
            switch (e.type()) {
                case "contact" -> {
                    item.put("title", "Kontakt: " + sourceLabel(e.source()));
                    item.put("text", e.text());
                }
                case "status" -> {
                    String[] fromTo = e.source().split(">");
                    item.put("title", "Status: " + StatusLabels.label(TicketStatus.valueOf(fromTo[0])) + " → "
                            + StatusLabels.label(TicketStatus.valueOf(fromTo[1])));
                    item.put("text", e.text());
                }
                case "note" -> {
                    item.put("title", "Notiz");
                    item.put("text", e.text());
                }
                case "reply" -> {
                    item.put("title", "SMS an die Kundschaft");
                    item.put("text", e.text());
                    item.put("state", deliveryLabel(delivered.get(e.ref())));
                }
                case "sms" -> {
                    if (e.ref() != null && e.ref().startsWith("staff-reply:")) {
                        continue;
                    }
                    item.put("title", "SMS: " + smsKindLabel(e.source()));
                    item.put("state", deliveryLabel(e.text()));
                }
                case "email" -> {
                    item.put("title", "E-Mail: Bestätigung");
                    item.put("state", deliveryLabel(e.text()));
                }
                case "whatsapp" -> {
                    item.put("title", "WhatsApp: " + switch (e.source()) {
                        case "delivered" -> "zugestellt";
                        case "read" -> "gelesen";
                        case "failed" -> "nicht zugestellt";
                        default -> "gesendet";
                    });
                    item.put("text", e.text());
                }
                case "attachment" -> {
                    item.put("title", e.ref() == null ? "Anhang nicht gespeichert" : "Anhang");
                    item.put("text", e.text());
                }
                default -> item.put("title", e.type());
            }
            items.add(0, item);
        }
        return items;
    }

    private static String deliveryLabel(String state) {
        if (state == null) {
            return "wird gesendet";
        }
        return switch (state) {
            case "sent" -> "gesendet";
            case "failed" -> "nicht zustellbar";
            case "skipped_opt_out" -> "nicht gesendet (abbestellt)";
            default -> state;
        };
    }

    private static String smsKindLabel(String kind) {
        return switch (kind) {
            case "missed_call_menu" -> "Menü nach verpasstem Anruf";
            case "ticket_confirmation" -> "Eingangsbestätigung";
            case "reply_acknowledgement" -> "Antwort auf SMS";
            case "status_update" -> "Status-Info";
            case "review_request" -> "Bewertungsanfrage";
            case "urgent_alert" -> "Alarm an den Inhaber";
            default -> kind;
        };
    }

    private static String sourceLabel(String source) {
        try {
            return StatusLabels.label(TicketSource.fromWire(source));
        } catch (IllegalArgumentException e) {
            return source;
        }
    }

    static String who(Ticket t) {
        if (t.name() != null && !t.name().isBlank()) {
            return t.name();
        }
        if (t.phone() != null) {
            return PhoneNumbers.display(t.phone());
        }
        return t.email() == null ? "Unbekannt" : t.email();
    }

    /** "35 Min.", "2 Std.", "3 Tagen": how far the SLA due is from now. */
    static String span(Duration d) {
        long minutes = Math.max(1, d.toMinutes());
        if (minutes < 90) {
            return minutes + " Min.";
        }
        long hours = Math.round(minutes / 60.0);
        return hours < 48 ? hours + " Std." : Math.round(hours / 24.0) + " Tagen";
    }

    private static String query(TicketDesk.Filter f) {
        StringBuilder q = new StringBuilder();
        if (f.status() != null) {
            q.append("status=").append(f.status().name()).append('&');
        }
        if (f.source() != null) {
            q.append("source=").append(f.source().wireName()).append('&');
        }
        if (f.urgency() != null) {
            q.append("urgency=").append(f.urgency().name()).append('&');
        }
        if (f.breachedOnly()) {
            q.append("breached=1&");
        }
        if (f.query() != null && !f.query().isBlank()) {
            q.append("q=").append(URLEncoder.encode(f.query(), StandardCharsets.UTF_8)).append('&');
        }
        return q.toString();
    }

    private static Map<String, Object> option(String value, String label, boolean selected) {
        return Map.of("value", value, "label", label, "selected", selected);
    }

    private String signedIn(SignIn.Staff staff, String page, String title, Map<String, Object> model, String flash,
                            String problem) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("title", title + " – " + staff.tenant().name());
        m.put("business", staff.tenant().name());
        m.put("signedIn", true);
        m.put("csrf", staff.session().csrf());
        m.put("flash", flash);
        m.put("problem", problem);
        return render(page, m);
    }

    private String render(String page, Map<String, Object> model) {
        StringWriter content = new StringWriter(4096);
        pages.get(page).execute(content, model);
        Map<String, Object> m = new HashMap<>(model);
        m.put("content", content.toString());
        m.put("css", css);
        StringWriter html = new StringWriter(content.getBuffer().length() + css.length() + 1024);
        layout.execute(html, m);
        return html.toString();
    }

    private static String resource(String path) {
        try (InputStream in = AppPages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
