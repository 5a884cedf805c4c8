package ch.opsfabric.staffapp;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One series as an inline SVG bar chart, one bar per day: titled for screen readers, scaled to
 * its largest value, with the first and last day and the maximum written on it. The page puts a
 * table of the same numbers next to it.
 */
final class BarChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 140;
    static final int TOP = 18;
    static final int BOTTOM = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.", Locale.forLanguageTag("de-CH"));

    private BarChart() {
    }

    static String svg(String id, String title, List<LocalDate> days, List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        double slot = (double) WIDTH / Math.max(1, days.size());
        double bar = Math.max(1, slot * 0.7);
        int plot = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(256 + days.size() * 96);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("\" preserveAspectRatio=\"none\">")
                .append("<title id=\"").append(id).append("\">").append(title).append("</title>");
        for (int i = 0; i < days.size(); i++) {
            long v = values.get(i);
            double h = v == 0 ? 0 : Math.max(2, plot * (double) v / max);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>",
                    i * slot + (slot - bar) / 2, TOP + plot - h, bar, h, DAY.format(days.get(i)), v));
        }
        svg.append("<line x1=\"0\" y1=\"").append(TOP + plot).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(TOP + plot).append("\"/>");
        svg.append("<text x=\"0\" y=\"12\">max ").append(max).append("</text>");
        if (!days.isEmpty()) {
            svg.append("<text x=\"0\" y=\"").append(HEIGHT - 4).append("\">").append(DAY.format(days.get(0))).append("</text>");
            svg.append("<text x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT - 4).append("\" text-anchor=\"end\">")
                    .append(DAY.format(days.get(days.size() - 1))).append("</text>");
        }
        return svg.append("</svg>").toString();
    }
}
