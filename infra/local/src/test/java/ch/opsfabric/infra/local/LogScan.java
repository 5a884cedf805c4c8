package ch.opsfabric.infra.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every line the functions of an end-to-end suite printed, checked after the suite: no phone
 * number, e-mail address or secret may appear unmasked. Masked forms ({@code +41 79 *** ** 67},
 * {@code an***@example.ch}) do not match. The businesses' own public lines and our system
 * addresses are not personal data and are allowed.
 */
final class LogScan {

    /**
     * Swiss numbers in any of the forms people and providers write them, not inside a longer token:
     * a request id such as {@code …-ab0171380268} is hex, not a number someone can be called on.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w*-])(?:\\+41|0041|0)[ ]?[1-9]\\d[ ]?\\d{3}[ ]?\\d{2}[ ]?\\d{2}(?!\\w)");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** The businesses' published numbers (their lines) and the addresses mail is sent from or to for them. */
    private static final List<String> PUBLIC = publicLines();
    private static final Pattern SYSTEM_ADDRESS = Pattern.compile(".*@(inbound\\.postmarkapp\\.com|mail\\.opsfabric\\.ch|opsfabric\\.ch)$");

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final java.util.function.Predicate<String> alsoPublic;

    LogScan() {
        this(number -> false);
    }

    /** @param alsoPublic the business lines of tenants a suite onboards itself, in E.164 */
    LogScan(java.util.function.Predicate<String> alsoPublic) {
        this.alsoPublic = alsoPublic;
    }

    /** Prints each line as before and keeps it for {@link #findings}. */
    Consumer<String> capture() {
        return line -> {
            System.out.println(line);
            lines.add(line);
        };
    }

    /** Keeps each line for {@link #findings} without printing it. */
    Consumer<String> record() {
        return lines::add;
    }

    int size() {
        return lines.size();
    }

    /** How many captured lines contain {@code text}. */
    long count(String text) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.contains(text)).count();
        }
    }

    List<String> findings() {
        // the Basic-auth user name is no secret (and "postmark" is in every inbound address)
        List<String> secrets = Stream.concat(LocalEnvironment.DEV_SECRET_VALUES.entrySet().stream()
                                .filter(e -> !e.getKey().equals("postmarkInboundUser")).map(java.util.Map.Entry::getValue),
                        Stream.of(LocalEnvironment.OPERATOR_SECRET, "dev-key-"))
                .filter(s -> s.length() >= 8).toList();
        List<String> found = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                Matcher phone = PHONE.matcher(line);
                while (phone.find()) {
                    String digits = phone.group().replace(" ", "").replaceFirst("^0041", "+41").replaceFirst("^0", "+41");
                    if (!PUBLIC.contains(digits) && !alsoPublic.test(digits)) {
                        found.add("phone " + phone.group() + " in: " + abbreviate(line));
                    }
                }
                Matcher email = EMAIL.matcher(line);
                while (email.find()) {
                    if (!SYSTEM_ADDRESS.matcher(email.group()).matches()) {
                        found.add("address " + email.group() + " in: " + abbreviate(line));
                    }
                }
                for (String secret : secrets) {
                    if (line.contains(secret)) {
                        found.add("secret " + secret.substring(0, 4) + "… in: " + abbreviate(line));
                    }
                }
            }
        }
        return found;
    }

    /** The demo businesses' lines and published numbers, from the seed the stack loads. */
    private static List<String> publicLines() {
        try (var in = LogScan.class.getResourceAsStream("/seed/tenants.json")) {
            var seed = Invoke.JSON.readTree(in);
            List<String> numbers = new ArrayList<>(List.of("+41445550000"));
            seed.findValues("phoneLines").forEach(lines -> lines.forEach(l -> numbers.add(l.asText())));
            seed.findValues("phone").forEach(p -> numbers.add(p.asText()));
            return List.copyOf(numbers);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
