package ch.opsfabric.time;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Public holidays of the 26 cantons, from {@code holidays/ch-public-holidays.txt}: jollyday's
 * maintained data (its PUBLIC_HOLIDAY type), written out at build time by SwissHolidaysTest, which
 * fails when the table and the library disagree or the table ends within five years. Read once
 * per JVM (a few hundred dates per canton); no XML binding at run time.
 */
public final class SwissHolidays {

    public static final String DEFAULT_CANTON = "zh";
    static final String RESOURCE = "/holidays/ch-public-holidays.txt";

    private static final Map<String, Set<LocalDate>> BY_CANTON = new HashMap<>();
    private static int firstYear = Integer.MAX_VALUE;
    private static int lastYear = Integer.MIN_VALUE;

    static {
        try (InputStream in = SwissHolidays.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(" ");
                Set<LocalDate> days = new HashSet<>();
                for (int i = 1; i < parts.length; i++) {
                    LocalDate day = LocalDate.parse(parts[i]);
                    days.add(day);
                    firstYear = Math.min(firstYear, day.getYear());
                    lastYear = Math.max(lastYear, day.getYear());
                }
                BY_CANTON.put(parts[0], Set.copyOf(days));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SwissHolidays() {
    }

    /** The canton codes, lower case ({@code ag} … {@code zh}). */
    public static Set<String> cantons() {
        return new TreeSet<>(BY_CANTON.keySet());
    }

    public static boolean isCanton(String code) {
        return code != null && BY_CANTON.containsKey(code.toLowerCase(Locale.ROOT));
    }

    /** Outside the table's years nothing counts as a holiday (SwissHolidaysTest keeps five years ahead). */
    public static boolean isHoliday(String canton, LocalDate day) {
        return BY_CANTON.getOrDefault(canton.toLowerCase(Locale.ROOT), Set.of()).contains(day);
    }

    /** Monday to Friday and no public holiday of the canton. */
    public static boolean isWorkingDay(String canton, LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !isHoliday(canton, day);
    }

    /** The first working day after {@code day}. */
    public static LocalDate nextWorkingDay(String canton, LocalDate day) {
        LocalDate next = day.plusDays(1);
        // at most a long weekend plus the holidays around Christmas; the bound only guards the loop
        for (int i = 0; i < 30 && !isWorkingDay(canton, next); i++) {
            next = next.plusDays(1);
        }
        return next;
    }

    static int firstYear() {
        return firstYear;
    }

    static int lastYear() {
        return lastYear;
    }
}
