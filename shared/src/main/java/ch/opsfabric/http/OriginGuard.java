package ch.opsfabric.http;

import ch.opsfabric.crypto.Hashes;

/**
 * Public routes take only requests that came through our CloudFront distribution: it adds
 * {@value #HEADER} with a secret from Secrets Manager (template.yaml, {@code OriginCustomHeaders})
 * and overwrites whatever a viewer sent under that name. A request straight to the
 * execute-api host lacks it and is refused before any route, signature or storage sees it.
 * Routes API Gateway authorized with AWS_IAM (the operator API) are called directly by design
 * (SigV4 signs the execute-api host) and pass on their verified principal.
 */
public final class OriginGuard {

    public static final String HEADER = "x-origin-verify";
    /** No CDN in front: in-process tests only; deployed functions get their secret from {@code Cloud.settings()}. */
    public static final OriginGuard NONE = new OriginGuard(null);

    private final String secret;

    private OriginGuard(String secret) {
        this.secret = secret;
    }

    public static OriginGuard of(String secret) {
        return secret == null ? NONE : new OriginGuard(secret);
    }

    /** @throws ApiException 403 when the request did not come through the distribution */
    public void check(ApiRequest request) {
        if (secret == null || request.iamPrincipal().isPresent()) {
            return;
        }
        String presented = request.header(HEADER).orElse("");
        if (!Hashes.constantTimeEquals(secret, presented)) {
            throw new ApiException(403, "direct_access",
                    "Bitte verwenden Sie die öffentliche Adresse dieses Dienstes.");
        }
    }
}
