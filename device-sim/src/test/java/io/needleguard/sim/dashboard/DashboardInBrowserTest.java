package io.needleguard.sim.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.RecordedSession;
import io.needleguard.rules.Finding;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.Severity;
import io.needleguard.rules.SpacingIntervals;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium, on a history made by replaying the built-in four weeks
 * through the real gateway: each view loads without a console error, shows what the history holds
 * (the next safe dates exactly as {@code needleguard status} prints them, every session as a point),
 * follows a session recorded while it is open without a reload, and logs a session by hand with its
 * form. Screenshots of each view are written to {@code target/dashboard-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final List<String> VIEWS = List.of("today", "calendar", "depth", "spacing", "pens", "findings");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern FROM = Pattern.compile("from \\w{3} (\\d{1,2} \\w{3} \\d{4})(?:, (\\d\\d:\\d\\d))?");
    private static final DateTimeFormatter PAGE_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private BrowserOnReplay replay;
    private ReplayedWorld world;
    private Chromium chromium;
    private ChromeDriver browser;
    /** How long the fresh browser's first load of the page took, as the page measured it. */
    private String firstLoad;

    private DashboardPage page;

    @BeforeAll
    void aReplayedHistoryAndABrowser(@TempDir Path dir) throws Exception {
        replay = BrowserOnReplay.open(dir, 1280, 1000);
        world = replay.world;
        chromium = replay.chromium;
        browser = replay.browser;
        page = replay.page;
        // Every test starts on the loaded page; the first load of the fresh browser is measured here, where
        // it is the first whichever test runs first.
        firstLoad = load();
    }

    @AfterAll
    void stop() {
        if (replay != null) {
            replay.close();
        }
    }

    @Test
    void everyViewLoadsWithoutAConsoleErrorAndIsPhotographed() throws Exception {
        String again = load();
        Files.createDirectories(SCREENSHOTS);
        Files.writeString(
                SCREENSHOTS.resolve("timings.txt"),
                "headless Chromium on loopback; first load (fresh browser): " + firstLoad + "\nreload: " + again
                        + "\n");
        for (String view : VIEWS) {
            page.show("alex", view);
            photograph(view);
        }
        page.show("sam", "today");
        List<LogEntry> problems = chromium.console().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .toList();
        assertEquals(List.of(), problems, "the console is clean");
        for (String view : VIEWS) {
            assertTrue(Files.size(SCREENSHOTS.resolve(view + ".png")) > 10_000, view + " was photographed");
        }
    }

    @Test
    void theNextSafeDateOfEveryAreaIsWhatNeedleguardStatusSays() {
        for (String owner : List.of("alex", "sam")) {
            assertTodayMatchesStatus(owner);
        }
    }

    @Test
    void eachChartHasThePointsTheHistoryHolds() {
        for (String owner : List.of("alex", "sam")) {
            List<RecordedSession> history = world.sessions(owner);
            assertTrue(history.size() > 5, owner + " has a history");

            page.show(owner, "depth");
            Map<String, Long> expected = history.stream()
                    .collect(Collectors.groupingBy(r -> r.session().area().id(), TreeMap::new, Collectors.counting()));
            assertEquals(expected, new TreeMap<>(points("depth", 1)), owner + ": one point per session, per area");
            Map<String, Long> flagged = history.stream()
                    .filter(r -> !r.findings().isEmpty())
                    .collect(Collectors.groupingBy(r -> r.session().area().id(), TreeMap::new, Collectors.counting()));
            Map<String, Long> drawnFlagged = new TreeMap<>(points("depth", 2));
            drawnFlagged.values().removeIf(n -> n == 0);
            assertEquals(flagged, drawnFlagged, owner + ": the sessions with findings are marked");

            page.show(owner, "calendar");
            ZoneId zone = world.zone(owner);
            Map<String, Long> perDay = history.stream()
                    .collect(Collectors.groupingBy(
                            r -> r.session().start().atZone(zone).toLocalDate().toString(),
                            TreeMap::new,
                            Collectors.counting()));
            Map<String, Long> cells = new TreeMap<>();
            Map<String, String> worst = new TreeMap<>();
            for (WebElement cell : browser.findElements(By.cssSelector("rect.day"))) {
                long count = Long.parseLong(cell.getAttribute("data-count"));
                if (count > 0) {
                    cells.put(cell.getAttribute("data-date"), count);
                    worst.put(cell.getAttribute("data-date"), cell.getAttribute("data-worst"));
                }
            }
            assertEquals(perDay, cells, owner + ": sessions per day");
            perDay.keySet().forEach(date -> assertEquals(worstOn(history, date, zone), worst.get(date), date));

            page.show(owner, "spacing");
            RuleSettings rules = RuleSettings.defaults();
            List<SpacingIntervals.Interval> intervals = SpacingIntervals.of(
                    history.stream().map(RecordedSession::session).toList(), rules, zone);
            long withEarlier =
                    intervals.stream().filter(i -> i.earlier().isPresent()).count();
            long spacingFindings = history.stream()
                    .filter(r -> r.findings().stream().anyMatch(f -> f.rule().equals("spacing.min-interval")))
                    .count();
            assertEquals(withEarlier, spacingPoints(1), owner + ": a point per session after an earlier one");
            assertEquals(spacingFindings, spacingPoints(2), owner + ": the too-soon points are the flagged sessions");
            assertEquals(
                    history.size(),
                    browser.findElements(By.cssSelector("#spacing-table tbody tr"))
                            .size());

            page.show(owner, "findings");
            List<String> open = openFindings(history, owner);
            List<String> shown = browser.findElements(By.cssSelector("article.finding")).stream()
                    .map(a -> a.getAttribute("data-session") + " " + a.getAttribute("data-rule"))
                    .toList();
            assertEquals(open, shown, owner + ": the open findings, newest first");
        }
        page.show("alex", "pens");
        List<WebElement> pens = browser.findElements(By.cssSelector("section.pen"));
        assertEquals(
                List.of("SIM-0001", "SIM-0002", "SIM-0003"),
                pens.stream().map(p -> p.getAttribute("data-pen")).toList());
        for (WebElement pen : pens) {
            assertEquals("true", pen.getAttribute("data-connected"), pen.getText());
            assertEquals(
                    "0 sessions to fetch",
                    pen.findElement(By.cssSelector(".waiting")).getText());
            String battery = pen.findElement(By.cssSelector(".battery")).getText();
            assertEquals(
                    world.simulation
                                    .player()
                                    .pens()
                                    .get(pen.getAttribute("data-pen"))
                                    .battery() + " %",
                    battery);
        }
    }

    @Test
    void hoveringAPointShowsItsSession() {
        page.show("alex", "depth");
        RecordedSession first = world.sessions("alex").stream()
                .filter(r -> r.session().area() == Area.CHEEKS)
                .findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Number> at = (Map<String, Number>) browser.executeScript(
                "const u = needleguard.charts.depth.cheeks; const r = u.over.getBoundingClientRect();"
                        + "return {x: Math.round(r.left + u.valToPos(u.data[0][0], 'x')),"
                        + " y: Math.round(r.top + u.valToPos(u.data[1][0], 'y'))};");
        new Actions(browser)
                .moveToLocation(at.get("x").intValue(), at.get("y").intValue())
                .perform();
        WebElement tooltip = browser.findElement(By.id("tooltip"));
        Await.until(tooltip::isDisplayed, WAIT, "a tooltip appears");
        String text = tooltip.getText();
        Session s = first.session();
        for (String part : List.of(
                "pen " + s.pen().orElseThrow(),
                s.id().toString(),
                s.depth().toString(),
                s.duration().orElseThrow().toMinutes() + " min",
                "cartridge " + s.cartridge())) {
            assertTrue(text.contains(part), "'" + part + "' in: " + text);
        }
        first.findings().forEach(f -> assertTrue(text.contains(f.rule()), f.rule() + " in: " + text));
    }

    @Test
    void aSessionRecordedWhileThePageIsOpenAppearsWithoutAReload() throws InterruptedException {
        page.show("alex", "depth");
        browser.executeScript("window.stillTheSamePage = true;");
        long cheeksBefore = points("depth", 1).getOrDefault("cheeks", 0L);

        RecordedSession added = world.recordOneMore("SIM-0001", Area.CHEEKS, "0.5", "A-0011");

        Await.until(
                () -> points("depth", 1).getOrDefault("cheeks", 0L) == cheeksBefore + 1,
                WAIT,
                "the new session is drawn",
                () -> points("depth", 1));
        assertEquals(!added.findings().isEmpty(), points("depth", 2).getOrDefault("cheeks", 0L) > 0);
        assertEquals(true, browser.executeScript("return window.stillTheSamePage === true;"), "no reload");

        // Time moved on with the session: the header, and Today, follow the gateway's clock.
        page.show("alex", "today");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.stillTheSamePage === true;"), "no reload");
        assertTodayMatchesStatus("alex");
        String day = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH)
                .format(world.now().atZone(world.zone("alex")));
        assertTrue(
                browser.findElement(By.id("clock")).getText().contains(day),
                day + " in: " + browser.findElement(By.id("clock")).getText());
    }

    @Test
    void choosingAPensAreaGoesToTheGatewayAndThePen() {
        page.show("alex", "pens");
        new Select(browser.findElement(By.cssSelector("select[data-pen='SIM-0002']"))).selectByValue("neck");
        browser.findElement(By.id("set-SIM-0002")).click();
        Await.until(
                () -> world.store.areas().chosenArea("SIM-0002").equals(Optional.of(Area.NECK)),
                WAIT,
                "stored as 'area set' stores it");
        Await.until(
                () -> world.simulation.player().pens().get("SIM-0002").selectedArea() == Area.NECK,
                WAIT,
                "written to the connected pen");
        Await.until(
                () -> "neck"
                        .equals(browser.findElement(By.cssSelector("select[data-pen='SIM-0002']"))
                                .getAttribute("value")),
                WAIT,
                "the page showing the choice");
        List<LogEntry> problems = chromium.console().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .toList();
        assertEquals(List.of(), problems, "the console is clean");
    }

    @Test
    void aSessionLoggedWithTheFormIsJudgedAndItsFindingsAppear() throws Exception {
        // The pen's session on the cheeks that the roller session below continues.
        world.recordOneMore("SIM-0001", Area.CHEEKS, "0.5", "A-0012");
        page.show("alex", "depth");
        long cheeksBefore = points("depth", 1).getOrDefault("cheeks", 0L);
        int sessionsBefore = world.sessions("alex").size();
        page.show("alex", "log");
        chromium.console();

        // A roller session on the cheeks, right after the pen's: typed as a person would.
        new Select(browser.findElement(By.id("log-area"))).selectByValue("cheeks");
        browser.findElement(By.id("log-depth")).sendKeys("0.5");
        browser.findElement(By.id("log-duration")).sendKeys("6m");
        browser.findElement(By.id("log-cartridge")).sendKeys("R-7");
        browser.findElement(By.id("log-submit")).click();
        WebElement result = browser.findElement(By.id("log-result"));
        Await.until(
                () -> result.isDisplayed() && result.getAttribute("class").matches(".*\\b(logged|flagged-\\w+)\\b.*"),
                WAIT,
                "the page shows what was logged");

        RecordedSession logged =
                world.store.sessions().find(SessionId.parse("hand-1")).orElseThrow();
        Session s = logged.session();
        assertEquals(Area.CHEEKS, s.area());
        assertEquals("0.50 mm", s.depth().toString());
        assertEquals(Duration.ofMinutes(6), s.duration().orElseThrow());
        assertEquals(world.now().minus(Duration.ofMinutes(6)), s.start(), "it ended just now, on the gateway's clock");
        assertTrue(result.getText().startsWith("Logged hand-1"), result.getText());
        // Its findings, as judged and stored, each with its message.
        // Right after the pen's cheeks session it continues that treatment (a pause is not a second
        // needling), which is at least the third on the cheeks in 30 days.
        assertTrue(
                logged.findings().stream().anyMatch(f -> f.rule().equals("overuse.frequency")),
                "the third treatment of the cheeks in 30 days: " + logged.findings());
        List<WebElement> shown = browser.findElements(By.cssSelector("#log-findings article.finding"));
        assertEquals(
                logged.findings().stream().map(Finding::rule).toList(),
                shown.stream().map(a -> a.getAttribute("data-rule")).toList());
        for (int i = 0; i < shown.size(); i++) {
            assertEquals(
                    logged.findings().get(i).message(),
                    shown.get(i).findElement(By.cssSelector(".message")).getText());
        }
        // The next safe time is the one needleguard status gives now.
        WebElement next = browser.findElement(By.id("log-next"));
        StatusOutput.When status = world.status("alex").areas().get("cheeks");
        assertEquals("false", next.getAttribute("data-safe-now"));
        assertEquals(
                status.from().orElseThrow(),
                java.time.OffsetDateTime.parse(next.getAttribute("data-next-safe"))
                        .toLocalDateTime());
        assertEquals(
                status.rule(),
                browser.findElement(By.cssSelector("#log-result .details .rule"))
                        .getText());
        assertEquals(List.of(), problems(), "the console is clean");
        photograph("log");

        // The other views follow: the session is drawn, and its open findings listed.
        page.show("alex", "depth");
        Await.until(
                () -> points("depth", 1).getOrDefault("cheeks", 0L) == cheeksBefore + 1,
                WAIT,
                "the logged session is drawn",
                () -> points("depth", 1));
        page.show("alex", "findings");
        List<String> open = openFindings(world.sessions("alex"), "alex");
        assertTrue(open.stream().anyMatch(f -> f.startsWith("hand-1 ")), open.toString());
        assertEquals(
                open,
                browser.findElements(By.cssSelector("article.finding")).stream()
                        .map(a -> a.getAttribute("data-session") + " " + a.getAttribute("data-rule"))
                        .toList());

        // What cannot be a session: refused in the words needleguard log uses, and nothing is stored.
        page.show("alex", "log");
        new Select(browser.findElement(By.id("log-area"))).selectByValue("neck");
        browser.findElement(By.id("log-depth")).sendKeys("5");
        browser.findElement(By.id("log-submit")).click();
        Await.until(() -> result.getAttribute("class").contains("refused"), WAIT, "refused");
        String cli = world.refusedByCli("log", "--area", "neck", "--depth", "5", "--owner", "alex")
                .strip();
        assertEquals(
                cli, "needleguard: " + browser.findElement(By.id("log-refusal")).getText());
        assertEquals(sessionsBefore + 1, world.sessions("alex").size(), "nothing more stored");
        assertEquals(
                "5", browser.findElement(By.id("log-depth")).getAttribute("value"), "what was typed stays, to correct");
        // The only console line is the browser's note of the answer 400.
        List<LogEntry> console = problems();
        assertTrue(
                console.stream()
                        .allMatch(e -> e.getMessage().contains("/api/owners/alex/log")
                                && e.getMessage().contains("400")),
                "the console: " + console);
    }

    private List<LogEntry> problems() {
        return chromium.console().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .toList();
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * A screenshot of the whole view (up to 1800 px tall), for src/docs/dashboard.md. Only the height
     * changes, which the page does not redraw for (a phone's toolbar sliding away does the same).
     */
    private void photograph(String view) throws Exception {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(1280, (int) Math.max(800, Math.min(1800, height))));
        chromium.screenshot(SCREENSHOTS.resolve(view + ".png"));
        browser.manage().window().setSize(new Dimension(1280, 1000));
        page.awaitView("alex", view);
    }

    /** Loads the page anew and waits until Today is drawn: how long each step took, as the page measured it. */
    private String load() {
        browser.get(world.url("/?fresh=" + System.nanoTime() + "#/alex/today"));
        page.awaitView("alex", "today");
        Map<?, ?> timing = (Map<?, ?>) browser.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + "return {dom: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd),"
                + " drawn: document.getElementById('main').dataset.firstDrawn};");
        return "DOMContentLoaded " + timing.get("dom") + " ms, load " + timing.get("load") + " ms, Today drawn "
                + timing.get("drawn") + " ms after the request";
    }

    private void assertTodayMatchesStatus(String owner) {
        page.show(owner, "today");
        StatusOutput status = world.status(owner);
        Map<String, StatusOutput.When> shown = new TreeMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#areas li[data-area]"))) {
            String when = row.findElement(By.cssSelector(".when")).getText();
            String rule = row.findElements(By.cssSelector(".rule")).stream()
                    .map(WebElement::getText)
                    .findFirst()
                    .orElse("");
            shown.put(row.getAttribute("data-area"), parse(when, rule));
        }
        // Every area but "unspecified", which is what a pen records before an area is chosen.
        assertEquals(Area.values().length - 1, shown.size(), "every area is shown");
        for (Area area : Area.values()) {
            if (area == Area.UNSPECIFIED) {
                continue;
            }
            assertEquals(status.areas().get(area.id()), shown.get(area.id()), owner + ", " + area.id());
        }
    }

    private static StatusOutput.When parse(String when, String rule) {
        if (when.equals("safe now")) {
            return StatusOutput.When.SAFE;
        }
        if (when.equals("not at home") || when.equals("no date")) {
            return new StatusOutput.When(false, Optional.empty(), rule);
        }
        Matcher m = FROM.matcher(when);
        assertTrue(m.matches(), "a next safe time as the page writes it: " + when);
        LocalDate day = LocalDate.parse(m.group(1), PAGE_DAY);
        LocalDateTime at = m.group(2) == null ? day.atStartOfDay() : day.atTime(java.time.LocalTime.parse(m.group(2)));
        return new StatusOutput.When(false, Optional.of(at), rule);
    }

    private static String worstOn(List<RecordedSession> history, String date, ZoneId zone) {
        return history.stream()
                .filter(r -> r.session()
                        .start()
                        .atZone(zone)
                        .toLocalDate()
                        .toString()
                        .equals(date))
                .flatMap(r -> r.findings().stream())
                .map(Finding::severity)
                .max(Comparator.naturalOrder())
                .map(Severity::id)
                .orElse("ok");
    }

    private List<String> openFindings(List<RecordedSession> history, String owner) {
        ZoneId zone = world.zone(owner);
        var since = world.now().atZone(zone).minusDays(7).toInstant();
        List<RecordedSession> recent = new ArrayList<>(history.stream()
                .filter(r -> !r.session().start().isBefore(since))
                .toList());
        recent.sort(
                Comparator.comparing((RecordedSession r) -> r.session().start()).reversed());
        List<String> open = new ArrayList<>();
        for (RecordedSession r : recent) {
            Session s = r.session();
            r.findings().stream()
                    .filter(f -> f.severity() != Severity.INFO)
                    .sorted(Finding.DISPLAY_ORDER)
                    .forEach(f -> open.add(s.id() + " " + f.rule()));
        }
        return open;
    }

    /** Points each depth chart draws in series {@code series} (1: every session, 2: those with findings). */
    @SuppressWarnings("unchecked")
    private Map<String, Long> points(String chart, int series) {
        Map<String, Object> counts = (Map<String, Object>) browser.executeScript(
                "const out = {};"
                        + "for (const [area, u] of Object.entries(needleguard.charts." + chart + "))"
                        + "  out[area] = u.data[arguments[0]].filter(v => v !== null && v !== undefined).length;"
                        + "return out;",
                series);
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, ((Number) v).longValue()));
        return result;
    }

    private long spacingPoints(int series) {
        Object n = browser.executeScript(
                "const u = needleguard.charts.spacing;"
                        + "return u ? u.data[arguments[0]].filter(v => v !== null && v !== undefined).length : 0;",
                series);
        return ((Number) n).longValue();
    }

    /** Goes to a view (a change of the address's fragment: the page stays) and waits until it is drawn. */
}
