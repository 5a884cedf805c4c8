package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.log.Log;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.staff.StaffDirectory;
import ch.opsfabric.staff.StaffMember;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.EnumSet;
import java.util.Map;

/**
 * {@code GET|POST /app/team}: every member chooses their own SMS notices; the owner adds and
 * removes members (not themselves, so a business always keeps an owner who can sign in).
 */
final class TeamRoute extends SignedInRoute {

    static final Map<String, String> DONE = Map.of("saved", "Gespeichert.", "added", "Hinzugefügt: die Person meldet sich mit ihrer Handynummer an.",
            "removed", "Entfernt: die Person kann sich nicht mehr anmelden.");

    private final StaffDirectory staff;

    TeamRoute(SignIn signIn, AppHttp http, AppPages pages, StaffDirectory staff) {
        super(signIn, http, pages);
        this.staff = staff;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff me) {
        if ("GET".equals(request.method())) {
            return AppHttp.page(200, pages.team(me, staff.list(me.tenant().id()),
                    request.query("ok").map(DONE::get).orElse(null), null, Map.of(), signIn.businessesOf(me)));
        }
        FormBody form = AppHttp.form(request);
        AppHttp.requireCsrf(form, me.session().csrf());
        String action = form.first("action").orElse("");
        boolean owner = me.member().role() == StaffMember.Role.OWNER;
        switch (action) {
            case "notices" -> {
                EnumSet<StaffMember.Notice> chosen = EnumSet.noneOf(StaffMember.Notice.class);
                form.pairs().stream().filter(p -> p.name().equals("notice"))
                        .forEach(p -> StaffMember.Notice.fromWire(p.value()).ifPresent(chosen::add));
                StaffMember m = me.member();
                staff.put(new StaffMember(m.tenantId(), m.id(), m.name(), m.mobile(), m.role(), chosen));
                return AppHttp.seeOther("/app/team?ok=saved");
            }
            case "add" -> {
                if (!owner) {
                    return refused(me, "Nur die Inhaberin oder der Inhaber verwaltet das Team.", Map.of());
                }
                String name = form.first("name").orElse("").strip();
                String rawMobile = form.first("mobile").orElse("");
                Map<String, String> entered = Map.of("name", name, "mobile", rawMobile);
                if (name.length() < 2 || name.length() > 80) {
                    return refused(me, "Bitte geben Sie den Namen an (2 bis 80 Zeichen).", entered);
                }
                if (!(PhoneNumbers.parse(rawMobile) instanceof Phone.Number mobile) || !mobile.isMobile()) {
                    return refused(me, "Bitte geben Sie eine Handynummer an: der Anmeldecode kommt per SMS.", entered);
                }
                if (staff.list(me.tenant().id()).stream().anyMatch(s -> s.mobile().equals(mobile.e164()))) {
                    return refused(me, "Diese Nummer gehört schon zum Team.", entered);
                }
                StaffMember.Role role = StaffMember.Role.fromWire(form.first("role").orElse("staff")).orElse(StaffMember.Role.STAFF);
                staff.put(new StaffMember(me.tenant().id(), StaffMember.newId(), name, mobile.e164(), role));
                Log.info("staff.member_added", Map.of("tenant", me.tenant().id(), "by", me.member().id(), "to", mobile.masked()));
                return AppHttp.seeOther("/app/team?ok=added");
            }
            case "remove" -> {
                String id = form.first("id").orElse("");
                if (!owner || id.equals(me.member().id())) {
                    return refused(me, owner ? "Sich selbst können Sie nicht entfernen." : "Nur die Inhaberin oder der Inhaber verwaltet das Team.",
                            Map.of());
                }
                if (!staff.remove(me.tenant().id(), id)) {
                    return refused(me, "Diese Person gehört nicht (mehr) zum Team.", Map.of());
                }
                Log.info("staff.member_removed", Map.of("tenant", me.tenant().id(), "by", me.member().id(), "member", id));
                return AppHttp.seeOther("/app/team?ok=removed");
            }
            default -> {
                return refused(me, "Diese Aktion gibt es nicht.", Map.of());
            }
        }
    }

    private APIGatewayV2HTTPResponse refused(SignIn.Staff me, String message, Map<String, String> entered) {
        return AppHttp.page(400, pages.team(me, staff.list(me.tenant().id()), null, message, entered, signIn.businessesOf(me)));
    }
}
