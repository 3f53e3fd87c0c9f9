package io.needleguard.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The page, its script and style sheet, and the chart library: read once from the jar, kept compressed too. */
final class PageFiles {

    private static final String WEB = "/io/needleguard/dashboard/web/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";

    /** A file of the page, kept in memory as it is and compressed (null when too small to gain). */
    record Resource(String type, byte[] bytes, byte[] gzipped) {
        Resource(String type, byte[] bytes) {
            this(type, bytes, bytes.length >= Gzip.WORTH_IT ? Gzip.compress(bytes) : null);
        }
    }

    private final Map<String, Resource> files;

    private PageFiles(Map<String, Resource> files) {
        this.files = Map.copyOf(files);
    }

    static PageFiles fromTheBuild() {
        Map<String, Resource> files = new HashMap<>();
        for (String name : List.of("index.html", "login.html", "app.js", "app.css", "favicon.svg")) {
            files.put("/" + name, new Resource(type(name), resource(WEB + name)));
        }
        String uplot = UPLOT + uplotVersion() + "/dist/";
        files.put("/lib/uPlot.iife.min.js", new Resource(type(".js"), resource("/" + uplot + "uPlot.iife.min.js")));
        files.put("/lib/uPlot.min.css", new Resource(type(".css"), resource("/" + uplot + "uPlot.min.css")));
        return new PageFiles(files);
    }

    /** The file at {@code path} ({@code /} is the page). */
    Optional<Resource> at(String path) {
        return Optional.ofNullable(files.get(path.equals("/") ? "/index.html" : path));
    }

    /** The uPlot WebJar's version, from its own Maven metadata: the pom decides it, in one place. */
    static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in =
                PageFiles.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the build lacks the dashboard's " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }
}
