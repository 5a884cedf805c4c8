package ch.opsfabric.infra.local;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What API Gateway's AWS_IAM authorization checks, for the local gateway: a Signature Version 4
 * {@code Authorization} header, recomputed here from the request by the published algorithm
 * (canonical request → string to sign → HMAC chain), independent of the SDK signer that the
 * CLI uses, so the two check each other. The unit test holds it to AWS's own test-suite vectors.
 */
final class SigV4Verifier {

    /** A verified caller, as API Gateway describes it in {@code requestContext.authorizer.iam}. */
    record Caller(String accessKey, String accountId, String userArn, String userId) {
    }

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** API Gateway refuses signatures older or newer than this. */
    static final Duration SKEW = Duration.ofMinutes(15);

    static final String FORBIDDEN = "Forbidden";
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private final Map<String, String> secrets;
    private final String region;
    private final String service;
    private final String accountId;
    private final Clock clock;

    /** @param secrets access key id → secret access key of the callers this gateway knows */
    SigV4Verifier(Map<String, String> secrets, String region, String service, String accountId, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.region = region;
        this.service = service;
        this.accountId = accountId;
        this.clock = clock;
    }

    /**
     * @param headers lower-case names; repeated headers joined with commas, as HTTP allows
     * @return the caller, or why the request is refused (API Gateway's own 403 messages)
     */
    Result verify(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        String authorization = headers.get("authorization");
        if (authorization == null) {
            return Result.refused(FORBIDDEN);
        }
        Matcher m = AUTHORIZATION.matcher(authorization.strip());
        if (!m.matches()) {
            return Result.refused(FORBIDDEN);
        }
        String accessKey = m.group(1);
        String date = m.group(2);
        String secret = secrets.get(accessKey);
        if (secret == null) {
            return Result.refused(INVALID_TOKEN);
        }
        if (!m.group(3).equals(region) || !m.group(4).equals(service)) {
            return Result.refused("Credential should be scoped to a valid region and service " + service + ".");
        }
        List<String> signed = List.of(m.group(5).split(";"));
        String amzDate = headers.get("x-amz-date");
        if (!signed.contains("host") || !signed.contains("x-amz-date") || amzDate == null || !amzDate.startsWith(date)) {
            return Result.refused(FORBIDDEN);
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Result.refused(FORBIDDEN);
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(SKEW) > 0) {
            return Result.refused("Signature expired: " + amzDate + " is now earlier or later than 15 minutes from now.");
        }
        String expected = signature(secret, date, amzDate, method, rawPath, rawQuery, signed, headers, body);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                m.group(6).getBytes(StandardCharsets.US_ASCII))) {
            return Result.refused(MISMATCH);
        }
        String user = "local-operator";
        return Result.ok(new Caller(accessKey, accountId, "arn:aws:iam::" + accountId + ":user/" + user, "AIDALOCAL" + accessKey));
    }

    record Result(Optional<Caller> caller, String refusal) {
        static Result ok(Caller caller) {
            return new Result(Optional.of(caller), null);
        }

        static Result refused(String message) {
            return new Result(Optional.empty(), message);
        }
    }

    /** The hex signature of the request; null when a signed header is missing. */
    String signature(String secret, String date, String amzDate, String method, String rawPath, String rawQuery,
                     List<String> signedHeaders, Map<String, String> headers, byte[] body) {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String value = headers.get(name);
            if (value == null) {
                return null;
            }
            canonicalHeaders.append(name).append(':').append(value.strip().replaceAll("\\s+", " ")).append('\n');
        }
        String canonicalRequest = String.join("\n", method, canonicalPath(rawPath), canonicalQuery(rawQuery),
                canonicalHeaders.toString(), String.join(";", signedHeaders), hex(sha256(body)));
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Every service but S3 encodes the (already encoded) path once more, segment by segment. */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i]));
        }
        return out.toString();
    }

    /** Parameters decoded, encoded strictly, sorted by name then value, joined with {@code &}. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(new String[] {encode(name), encode(value)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** RFC 3986 encoding: everything but {@code A-Z a-z 0-9 - _ . ~} as upper-case %XX of its UTF-8 bytes. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
