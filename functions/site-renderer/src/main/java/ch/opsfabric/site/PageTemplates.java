package ch.opsfabric.site;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The page templates ({@code /site/*.mustache}; the home page is made of the partials hero,
 * trust-bar, services-grid, heritage, reviews and cta), the stylesheet and the wizard script, read
 * and compiled once per JVM. Pages are rendered into the layout; everything is inlined, so a page is
 * one request with no third-party resource.
 */
final class PageTemplates {

    static final String[] PAGES = {"home", "leistungen", "kontakt", "impressum", "datenschutz", "anfrage", "danke",
            "landing", "notfound"};

    private final DefaultMustacheFactory factory = new DefaultMustacheFactory("site");
    private final Map<String, Mustache> pages = new HashMap<>();
    private final Mustache layout;
    private final String css;
    private final String wizardScript;

    PageTemplates() {
        for (String page : PAGES) {
            pages.put(page, factory.compile(page + ".mustache"));
        }
        layout = factory.compile("layout.mustache");
        css = minify(resource("/site/site.css"));
        wizardScript = resource("/site/wizard.js");
    }

    String render(String page, Map<String, Object> model) {
        StringWriter content = new StringWriter(4096);
        pages.get(page).execute(content, model);
        Map<String, Object> layoutModel = new HashMap<>(model);
        layoutModel.put("content", content.toString());
        layoutModel.put("css", css);
        StringWriter html = new StringWriter(content.getBuffer().length() + css.length() + 2048);
        layout.execute(html, layoutModel);
        return html.toString();
    }

    String wizardScript() {
        return wizardScript;
    }

    private static String resource(String path) {
        try (InputStream in = PageTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Line breaks out; the stylesheet is written one rule per line. */
    private static String minify(String css) {
        return css.replace("\n", "");
    }
}
