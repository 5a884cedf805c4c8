package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.staff.Sessions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /app/login/code} {@code code=…}: a session cookie and the inbox, or why not. */
final class VerifyCodeRoute implements ApiRoute {

    private final SignIn signIn;
    private final AppHttp http;
    private final AppPages pages;

    VerifyCodeRoute(SignIn signIn, AppHttp http, AppPages pages) {
        this.signIn = signIn;
        this.http = http;
        this.pages = pages;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        http.requireOwnOrigin(request);
        String code = AppHttp.form(request).first("code").orElse("");
        String attempt = AppHttp.cookie(request, http.attemptCookie).orElse(null);
        SignIn.Verification result = signIn.verify(attempt, code, request.viewerAddress());
        if (result instanceof SignIn.SignedIn signedIn) {
            return AppHttp.seeOther("/app/tickets", AppHttp.cookies(
                    http.setCookie(http.sessionCookie, signedIn.token(), Sessions.IDLE.toSeconds()),
                    http.clearCookie(http.attemptCookie)));
        }
        if (result instanceof SignIn.WrongCode wrong) {
            return AppHttp.page(400, pages.code("Der Code stimmt nicht. Noch " + wrong.triesLeft()
                    + (wrong.triesLeft() == 1 ? " Versuch." : " Versuche.")));
        }
        if (result instanceof SignIn.NoAccess) {
            return AppHttp.page(403, pages.error(null, "Kein Zugang",
                    "Diese Nummer ist für keinen Betrieb mit OpsFabric-App freigeschaltet. Fragen Sie die Inhaberin oder den Inhaber."),
                    AppHttp.cookies(http.clearCookie(http.attemptCookie)));
        }
        return AppHttp.page(400, pages.login(null, "Dieser Code ist abgelaufen oder aufgebraucht. Bitte fordern Sie einen neuen an."),
                AppHttp.cookies(http.clearCookie(http.attemptCookie)));
    }
}
