package io.needleguard.sim.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.session.Area;
import io.needleguard.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as everyone uses it, in a real headless Chromium on the replayed month: every view at a
 * phone's 390×844 and a desktop's 1280×900 with nothing wider than the screen and no serious or critical
 * accessibility violation (axe-core, loaded into the page by this test only, in light and dark mode);
 * a pen's area list that writes nothing while walked with the arrow keys; the focus kept through a live
 * event; live events that refresh only the views they change; the Log form's errors on their fields.
 * (The gateway stopping is StaleStateInBrowserTest's: it stops this world's dashboard.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardForEveryoneTest {

    private static final List<String> VIEWS =
            List.of("today", "calendar", "depth", "spacing", "pens", "findings", "log", "setup");
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private BrowserOnReplay replay;
    private ReplayedWorld world;
    private Chromium chromium;
    private ChromeDriver browser;
    private DashboardPage page;

    @BeforeAll
    void aReplayedHistoryAndABrowser(@TempDir Path dir) throws Exception {
        replay = BrowserOnReplay.open(dir, PHONE.width, PHONE.height);
        world = replay.world;
        chromium = replay.chromium;
        browser = replay.browser;
        page = replay.page;
        // Every test starts on the loaded page, whichever runs first.
        replay.load("alex", "today");
    }

    @AfterAll
    void stop() {
        if (replay != null) {
            replay.close();
        }
    }

    @Test
    void onlyTheViewsThatDrawChartsLoadTheChartLibrary() {
        browser.get("about:blank"); // a new document: the page may have loaded the library before
        browser.get(world.url("/#/alex/today"));
        page.awaitView("alex", "today");
        assertEquals(List.of(), requestsFor("/lib/"), "Today loads no chart library");
        assertEquals(Boolean.TRUE, browser.executeScript("return typeof window.uPlot === 'undefined';"));
        page.show("alex", "depth");
        assertEquals(
                List.of("/lib/uPlot.iife.min.js", "/lib/uPlot.min.css"),
                requestsFor("/lib/").stream().sorted().toList());
    }

    @Test
    void everyViewFitsAPhoneAndADesktopAndHasNoSeriousAccessibilityViolation() throws Exception {
        for (Dimension size : List.of(PHONE, DESKTOP)) {
            browser.manage().window().setSize(size);
            for (String owner : List.of("alex", "sam")) {
                for (String view : VIEWS) {
                    page.show(owner, view);
                    String where = owner + "/" + view + " at " + size.width + "×" + size.height;
                    assertNothingWiderThanTheScreen(where, size.width);
                    assertNoSeriousViolations(where);
                    // Set up is photographed with the household HouseholdSetUpInTheBrowserTest sets up.
                    if (owner.equals("alex") && !view.equals("setup")) {
                        photograph((size == PHONE ? "phone-" : "desktop-") + view);
                    }
                }
            }
        }
        // Dark mode has its own colours: they must read as well.
        browser.manage().window().setSize(PHONE);
        darkMode(true);
        try {
            for (String view : VIEWS) {
                page.show("alex", view);
                assertNoSeriousViolations("alex/" + view + " in dark mode");
                if (view.equals("today")) {
                    photograph("phone-today-dark");
                }
            }
        } finally {
            darkMode(false);
        }
    }

    @Test
    void todaySaysWhatIsSafeFirstInWordsAndLeavesUnspecifiedOut() {
        browser.manage().window().setSize(PHONE);
        page.show("alex", "today");
        String safe = browser.findElement(By.id("summary-safe")).getText();
        StatusOutput status = world.status("alex");
        for (Area area : Area.values()) {
            boolean safeNow = status.areas().get(area.id()).equals(StatusOutput.When.SAFE);
            String said = area == Area.UPPER_LIP
                    ? "upper lip"
                    : area == Area.PERIORBITAL ? "around the eyes" : area == Area.DECOLLETE ? "décolleté" : area.id();
            if (area != Area.UNSPECIFIED) {
                assertEquals(safeNow, safe.contains(said), area + " in: " + safe);
            }
        }
        assertTrue(browser.findElements(By.cssSelector("#areas [data-area='unspecified']"))
                .isEmpty());
        // Safe areas first, then by date.
        List<WebElement> rows = browser.findElements(By.cssSelector("#areas li[data-area]"));
        List<String> order = new ArrayList<>();
        for (WebElement row : rows) {
            order.add(
                    row.getAttribute("data-safe-now").equals("true")
                            ? "0"
                            : Optional.ofNullable(row.getAttribute("data-next-safe"))
                                    .map(at -> "1 " + at)
                                    .orElse("2"));
        }
        assertEquals(order.stream().sorted().toList(), order, "safe first, then the soonest");
        String next = browser.findElement(By.id("summary-next")).getText();
        assertTrue(
                next.matches("Next: .+ from \\w{3} \\d{1,2} \\w{3} \\d{4}.* \\((tomorrow|in \\d+ days|today.*)\\)\\."),
                next);
        // The rule ids are on a details line, not in the answer.
        assertFalse(browser.findElement(By.id("summary")).getText().contains("." + "min-interval"));
    }

    @Test
    void walkingAPensAreaListWithTheArrowKeysWritesNothingAndSetDoes() {
        browser.manage().window().setSize(PHONE);
        page.show("alex", "pens");
        browser.executeScript("performance.clearResourceTimings();");
        // Beside it, who the next session is for (issue 22 item 1): the owner, and nothing to send yet.
        WebElement person = browser.findElement(By.id("person-SIM-0003"));
        assertEquals(person.getAttribute("data-chosen"), person.getAttribute("value"), "shows who it is for now");
        assertEquals(
                Boolean.TRUE,
                browser.executeScript("return document.getElementById('lend-SIM-0003').disabled;"),
                "Lend waits for a choice");
        Optional<Area> before = world.store.areas().chosenArea("SIM-0003");
        WebElement select = browser.findElement(By.id("area-SIM-0003"));
        select.sendKeys(Keys.ARROW_DOWN);
        select.sendKeys(Keys.ARROW_DOWN);
        select.sendKeys(Keys.ARROW_UP);
        select.sendKeys(Keys.ARROW_DOWN);
        String walkedTo = select.getAttribute("value");
        assertFalse(walkedTo.isEmpty(), "the list moved");
        assertEquals(
                Boolean.FALSE,
                browser.executeScript("return document.getElementById('set-SIM-0003').disabled;"),
                "Set is offered");
        // Nothing was written: no request, and the history still has the area it had.
        assertEquals(List.of(), requestsFor("/api/pens/SIM-0003/area"), "no request while walking");
        assertEquals(before, world.store.areas().chosenArea("SIM-0003"));

        new Select(select).selectByValue("chin");
        browser.findElement(By.id("set-SIM-0003")).click();
        Await.until(
                () -> world.store.areas().chosenArea("SIM-0003").equals(Optional.of(Area.CHIN)),
                WAIT,
                "Set stores the area");
        Await.until(
                () -> world.simulation.player().pens().get("SIM-0003").selectedArea() == Area.CHIN,
                WAIT,
                "and writes it to the pen");
        // The browser lists a request once its answer is read, which may be just after the pen has it.
        Await.until(() -> !requestsFor("/api/pens/SIM-0003/area").isEmpty(), WAIT, "the request of Set");
        assertEquals(1, requestsFor("/api/pens/SIM-0003/area").size(), "one request, on Set");
    }

    @Test
    void aLiveEventRedrawsOnlyTheViewsItConcernsAndKeepsTheFocusAndTheScroll() {
        // Two pens go out of range, one after the other: the first while the Pens view is shown, the second
        // while Today is. (They stay away: the simulated pens come back on the replay's clock, which has
        // stopped; SIM-0003 is left to the test of the area list.)
        browser.manage().window().setSize(PHONE);
        page.show("alex", "pens");
        // Chosen, not Set, in one step in the page: a redraw may come at any time (that is the point).
        browser.executeScript("const s = document.getElementById('area-SIM-0002'); s.value = 'nose';"
                + "s.dispatchEvent(new Event('change')); s.focus(); s.scrollIntoView({block: 'center'});");
        long scrolled = scrollY();
        assertTrue(scrolled > 0, "scrolled down the pens");
        long renders = page.renders();
        browser.executeScript("window.needleguard.heard.length = 0;");

        world.simulation.player().pens().get("SIM-0001").setInRange(false);
        Await.until(() -> "false".equals(connected("SIM-0001")), WAIT, "the page shows SIM-0001 away");
        // The view may also have been drawn by the minute's refresh: the event is what this test is about.
        Await.until(
                () -> heard().stream().anyMatch(e -> Boolean.TRUE.equals(e.get("refreshed"))),
                WAIT,
                "the Pens view fetched again on the event",
                this::heard);
        assertTrue(page.renders() > renders, "drawn again");
        assertEquals("area-SIM-0002", activeId(), "the focus stayed on the list");
        assertEquals("nose", browser.findElement(By.id("area-SIM-0002")).getAttribute("value"), "the choice too");
        assertEquals(scrolled, scrollY(), "and the scroll position");

        page.show("alex", "today");
        browser.executeScript("window.needleguard.heard.length = 0;");
        renders = page.renders();
        world.simulation.player().pens().get("SIM-0002").setInRange(false);
        Await.until(() -> !heard().isEmpty(), WAIT, "the page heard that a pen changed");
        for (Map<String, Object> event : heard()) {
            assertEquals(List.of("pens"), event.get("kinds"), "only the pens changed: " + event);
            assertEquals(Boolean.FALSE, event.get("refreshed"), "Today shows no pen: " + event);
        }
        assertEquals(renders, page.renders(), "Today was not drawn again");
    }

    @Test
    void theLogFormTiesItsErrorsToTheirFieldsAndShowsAFlaggedEntryAsFlagged() {
        browser.manage().window().setSize(PHONE);
        page.show("alex", "log");
        // Nothing filled in: the required fields say so, and the focus goes to the first.
        browser.findElement(By.id("log-submit")).click();
        WebElement area = browser.findElement(By.id("log-area"));
        assertEquals("true", area.getAttribute("aria-invalid"));
        assertTrue(area.getAttribute("aria-describedby").contains("log-area-error"));
        assertTrue(browser.findElement(By.id("log-area-error")).isDisplayed());
        assertEquals("true", browser.findElement(By.id("log-depth")).getAttribute("aria-invalid"));
        assertEquals("log-area", activeId(), "the focus is on the first field to change");
        assertTrue(browser.findElement(By.cssSelector("label[for='log-area']"))
                .getText()
                .contains("required"));

        // A time the page cannot read is refused on its field, before the gateway is asked.
        new Select(area).selectByValue("neck");
        browser.findElement(By.id("log-depth")).sendKeys("0.25");
        new Select(browser.findElement(By.id("log-day"))).selectByIndex(2);
        browser.findElement(By.id("log-time")).sendKeys("7pm");
        browser.findElement(By.id("log-submit")).click();
        assertEquals("true", browser.findElement(By.id("log-time")).getAttribute("aria-invalid"));
        assertEquals("log-time", activeId());
        assertFalse(browser.findElement(By.id("log-area")).getAttribute("aria-invalid") != null);

        // The gateway's refusal lands on the field it is about.
        browser.findElement(By.id("log-time")).clear();
        new Select(browser.findElement(By.id("log-day"))).selectByValue("");
        browser.findElement(By.id("log-depth")).clear();
        browser.findElement(By.id("log-depth")).sendKeys("7");
        browser.findElement(By.id("log-submit")).click();
        Await.until(
                () -> browser.findElement(By.id("log-result"))
                        .getAttribute("class")
                        .contains("refused"),
                WAIT,
                "refused");
        assertEquals("true", browser.findElement(By.id("log-depth")).getAttribute("aria-invalid"));
        assertTrue(browser.findElement(By.id("log-depth-error")).getText().contains("out of range"));
        assertEquals("log-depth", activeId());

        // The eyelids are not for needling at home: logged, and shown as flagged.
        new Select(browser.findElement(By.id("log-area"))).selectByValue("eyelids");
        browser.findElement(By.id("log-depth")).clear();
        browser.findElement(By.id("log-depth")).sendKeys("0.25");
        browser.findElement(By.id("log-submit")).click();
        WebElement result = browser.findElement(By.id("log-result"));
        Await.until(
                () -> result.getAttribute("class").contains("flagged-critical"),
                WAIT,
                "flagged",
                () -> result.getAttribute("class"));
        assertTrue(result.getText().contains("flagged: critical"), result.getText());
        assertFalse(result.getText().matches("(?s).*\\b(null|undefined|NaN)\\b.*"), result.getText());
        assertEquals("log-result-title", activeId(), "the focus is on the result");
        assertTrue(
                ((Number) browser.executeScript("return arguments[0].getBoundingClientRect().top;", result))
                                .doubleValue()
                        < PHONE.height,
                "the result is on the screen");
        assertFalse(result.getText().contains("needleguard "), "no command line: " + result.getText());
    }

    @Test
    void theSetUpViewShowsTheFilesPeopleAsSetThereTiesARefusalToItsFieldAndSaysWhatRemovingKeepsFirst() {
        browser.manage().window().setSize(PHONE);
        page.show("alex", "setup");
        // The configuration file's people: shown as set there, with nothing to change them.
        WebElement alex = browser.findElement(By.id("person-row-alex"));
        assertTrue(alex.getText().contains("set in " + world.configFile()), alex.getText());
        assertEquals(List.of(), alex.findElements(By.tagName("button")));

        // A zone that is none: refused at its field, with the focus there; nothing added.
        WebElement id = browser.findElement(By.id("add-person-id"));
        id.sendKeys("kim");
        WebElement zone = browser.findElement(By.id("add-person-zone"));
        zone.clear();
        zone.sendKeys("Mars/Base");
        browser.findElement(By.id("add-person")).click();
        Await.until(
                () -> "true"
                        .equals(browser.findElement(By.id("add-person-zone")).getAttribute("aria-invalid")),
                WAIT,
                "the refusal on the zone field");
        assertTrue(browser.findElement(By.id("add-person-zone-error")).getText().contains("is not a time zone"));
        assertTrue(browser.findElement(By.id("add-person-zone"))
                .getAttribute("aria-describedby")
                .contains("add-person-zone-error"));
        assertEquals("add-person-zone", activeId());
        assertTrue(browser.findElements(By.id("person-row-kim")).isEmpty());

        zone.clear();
        zone.sendKeys("Europe/Berlin");
        browser.findElement(By.id("add-person")).click();
        Await.until(() -> !browser.findElements(By.id("person-row-kim")).isEmpty(), WAIT, "kim in the list");
        assertTrue(world.household.household().owner("kim").isPresent(), "through the household API");

        // Removing says first what happens to the history, then asks.
        browser.findElement(By.cssSelector("#person-edit-kim summary")).click();
        browser.findElement(By.id("remove-person-kim")).click();
        String what = browser.findElement(By.id("remove-person-kim-what")).getText();
        assertTrue(
                what.contains("Their 0 sessions and 0 conditions stay in the history"),
                () -> what + " in "
                        + browser.findElement(By.id("person-row-kim")).getAttribute("outerHTML"));
        assertEquals("remove-person-kim-what", activeId());
        assertTrue(world.household.household().owner("kim").isPresent(), "not removed before it is confirmed");
        for (Dimension size : List.of(PHONE, DESKTOP)) {
            browser.manage().window().setSize(size);
            String where = "setup with a person's changes open at " + size.width + "×" + size.height;
            assertNothingWiderThanTheScreen(where, size.width);
            assertNoSeriousViolations(where);
        }
        browser.findElement(By.id("remove-person-kim-yes")).click();
        Await.until(
                () -> browser.findElement(By.id("main")).getText().contains("Former: kim"),
                WAIT,
                "kim listed as a former person");
        assertTrue(world.household.household().owner("kim").isEmpty());
        browser.manage().window().setSize(PHONE);
    }

    @Test
    void aPersonSwitchedWithTheKeyboardKeepsTheFocusAndEachViewIsAnnounced() {
        browser.manage().window().setSize(PHONE);
        page.show("alex", "calendar");
        assertEquals("Calendar for alex · needleguard", browser.getTitle());
        assertEquals("Calendar for alex shown", announced());
        browser.executeScript("document.getElementById('person-sam').focus();");
        new org.openqa.selenium.interactions.Actions(browser)
                .sendKeys(Keys.ENTER)
                .perform();
        page.awaitView("sam", "calendar");
        assertEquals("person-sam", activeId(), "the focus stays on the person's button");
        assertEquals("true", browser.findElement(By.id("person-sam")).getAttribute("aria-pressed"));
        assertEquals("Calendar for sam shown", announced());
        // The calendar's days: one Tab stop, the arrow keys move between days, each day is read out.
        browser.executeScript("document.querySelector('g.cell[tabindex=\"0\"]').focus();");
        String today = activeId();
        new org.openqa.selenium.interactions.Actions(browser)
                .sendKeys(Keys.ARROW_UP)
                .perform();
        String dayBefore = activeId();
        assertEquals(java.time.LocalDate.parse(today.substring(4)).minusDays(1).toString(), dayBefore.substring(4));
        assertEquals(
                1, browser.findElements(By.cssSelector("g.cell[tabindex='0']")).size());
        assertTrue(browser.findElement(By.id("day-details"))
                .getText()
                .startsWith(browser.findElement(By.id(dayBefore))
                        .getAttribute("aria-label")
                        .substring(0, 10)));
    }

    private String announced() {
        return browser.findElement(By.id("announce")).getAttribute("textContent");
    }

    // ---------------------------------------------------------------------------------------------

    /** The page's width and each element's box: none may reach beyond the screen. */
    @SuppressWarnings("unchecked")
    private void assertNothingWiderThanTheScreen(String where, int width) {
        Map<String, Object> fit = (Map<String, Object>)
                browser.executeScript("const w = document.documentElement.clientWidth; const wide = [];"
                        + "for (const e of document.querySelectorAll('body *')) {"
                        + "  if (!e.checkVisibility({checkVisibilityCSS: true})) continue;"
                        + "  const r = e.getBoundingClientRect();"
                        + "  if (r.width === 0 || r.height === 0 || (r.width <= 1 && r.height <= 1)) continue;"
                        + "  if (r.right > w + 0.5 || r.left < -0.5)"
                        + "    wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                        + "      + (e.className && e.className.baseVal === undefined ? '.' + e.className : '')"
                        + "      + ' ' + Math.round(r.left) + '..' + Math.round(r.right));"
                        + "}"
                        + "return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,"
                        + " wide: wide.slice(0, 10)};");
        long scroll = ((Number) fit.get("scroll")).longValue();
        long inner = ((Number) fit.get("inner")).longValue();
        assertEquals(width, inner, where + ": the page has the window's width");
        assertTrue(scroll <= inner, where + ": the page is " + scroll + " px wide in " + inner);
        assertEquals(List.of(), fit.get("wide"), where + ": elements wider than the screen");
    }

    /** axe-core, from its WebJar, put into the page by the test (the gateway never serves it). */
    @SuppressWarnings("unchecked")
    private void assertNoSeriousViolations(String where) {
        if (Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'undefined';"))) {
            browser.executeScript(AXE);
        }
        Object result = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + "  .filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + "  .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + "    + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')).join('; '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertEquals(List.of(), (List<String>) result, where);
    }

    private static final String AXE = axeSource();

    private static String axeSource() {
        Properties properties = new Properties();
        try (InputStream in = DashboardForEveryoneTest.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            properties.load(in);
            String path = "/META-INF/resources/webjars/axe-core/" + properties.getProperty("version") + "/axe.min.js";
            try (InputStream axe = DashboardForEveryoneTest.class.getResourceAsStream(path)) {
                return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(
                    "the axe-core WebJar (org.webjars.npm:axe-core) is not on the class path", e);
        }
    }

    private void darkMode(boolean dark) {
        browser.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    private void photograph(String name) {
        try {
            long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
            Dimension size = browser.manage().window().getSize();
            browser.manage().window().setSize(new Dimension(size.width, (int)
                    Math.max(size.height, Math.min(2400, height))));
            chromium.screenshot(DashboardInBrowserTest.SCREENSHOTS.resolve(name + ".png"));
            browser.manage().window().setSize(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> requestsFor(String prefix) {
        return (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                        + ".filter(p => p.startsWith(arguments[0]));",
                prefix);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> heard() {
        return (List<Map<String, Object>>) browser.executeScript("return window.needleguard.heard;");
    }

    /** Read in one step in the page: the element may be drawn anew between two WebDriver calls. */
    private String connected(String pen) {
        return (String) browser.executeScript(
                "const p = document.querySelector(`section.pen[data-pen='${arguments[0]}']`);"
                        + "return p ? p.dataset.connected : null;",
                pen);
    }

    private String activeId() {
        return (String) browser.executeScript("return document.activeElement.id;");
    }

    private long scrollY() {
        return Math.round(((Number) browser.executeScript("return window.scrollY;")).doubleValue());
    }
}
