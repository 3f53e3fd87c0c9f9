package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.dashboard.Chromium;
import io.needleguard.sim.dashboard.DashboardPage;
import io.needleguard.testing.Await;
import io.needleguard.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * A two-person household set up from nothing in the browser only (issue 23 item 4): {@code needleguard
 * run} on an empty data directory, over the simulated BlueZ with two pens nearby, no people and no pens
 * in its configuration. On the page: two people added, each pen paired from the list of pens nearby and
 * given to one of them, a roller added for one; then a pen's session is recorded and shows on the page as
 * its owner's, and the roller's session is logged with the page's Log form. Screenshots of the Set up
 * view (phone and desktop) go to {@code target/dashboard-screenshots/} for src/docs/dashboard.md.
 */
class HouseholdSetUpInTheBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    Path dir;

    private ChromeDriver browser;
    private DashboardPage page;

    @Test
    void aTwoPersonHouseholdWithAPenEachAndARollerIsSetUpFromNothingInTheBrowserAndRecords() throws Exception {
        Chromium.assumeInstalled();
        BluezTestSupport.assumeReady("dbus");
        int port = FreePorts.loopback();
        Path data = dir.resolve("data");
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + data + "\n"
                        + "ble: {backend: dbus}\n"
                        + "mqtt: {enabled: false}\n"
                        + "dashboard: {listen: '127.0.0.1:" + port + "'}\n");
        try (NeedleguardProcesses processes = new NeedleguardProcesses(dir);
                Chromium chromium = Chromium.start(dir.resolve("chromium"), 390, 844)) {
            processes.startSimulatedBluez(2);
            processes.start("run", "run", "--config", config.toString());
            Await.until(
                    () -> processes.log("run").contains("dashboard at http://127.0.0.1:" + port + "/"),
                    WAIT,
                    "run to serve the dashboard",
                    () -> processes.log("run"));
            browser = chromium.driver();
            page = new DashboardPage(browser);
            browser.get("http://127.0.0.1:" + port + "/#/me/setup");
            page.awaitView("me", "setup");

            // Sam first: a pen nobody was given is the first person's, so alex's pen is alex's only if given.
            addPerson("sam", "Sam", "America/New_York", "IV");
            addPerson("alex", "Alex", "Europe/Berlin", "II");

            pairAndGive("SIM-0001", "alex", processes);
            pairAndGive("SIM-0002", "sam", processes);

            type("add-device-id", "roller-1");
            choose("add-device-kind", "roller");
            choose("add-device-owner", "sam");
            type("add-device-needles", "0.5");
            click("add-device");
            awaitText("device-row-roller-1", "roller-1: roller, needles 0.50 mm, sam's");

            // The running gateway has the people added on the page: the page lists them among its people.
            Await.until(
                    () -> {
                        click("nearby-again"); // fetches again, as any change or live event does
                        return !browser.findElements(By.id("person-sam")).isEmpty()
                                && !browser.findElements(By.id("person-alex")).isEmpty();
                    },
                    WAIT,
                    "alex and sam among the page's people (the running gateway's household)",
                    () -> browser.findElement(By.id("people")).getText() + "\n" + processes.log("run"));

            photograph(chromium, "phone-setup", new Dimension(390, 844));
            photograph(chromium, "desktop-setup", new Dimension(1280, 900));

            // Alex's pen records a session: it is alex's, on the page.
            Await.until(
                    () -> processes.log("run").contains("pen SIM-0001 connected"),
                    WAIT,
                    "the pen paired from the page connected",
                    () -> processes.log("run"));
            processes.type("start SIM-0001 0.25 120");
            processes.type("stop SIM-0001");
            page.show("alex", "pens");
            Await.until(
                    () -> {
                        Object pen = browser.executeScript(
                                "const p = document.querySelector(\"section.pen[data-pen='SIM-0001']\");"
                                        + "return p ? p.innerText : '';");
                        return pen.toString().contains("alex's")
                                && pen.toString().contains("0.25 mm");
                    },
                    WAIT,
                    "alex's pen's session on the page (Pens follows the live events)",
                    () -> browser.findElement(By.id("main")).getText() + "\n" + processes.log("run"));

            // Sam's roller, logged with the Log form: its needles are the depth, and the session is sam's.
            page.show("sam", "log");
            new Select(browser.findElement(By.id("log-area"))).selectByValue("neck");
            new Select(browser.findElement(By.id("log-device"))).selectByValue("roller-1");
            assertEquals("0.50", browser.findElement(By.id("log-depth")).getAttribute("value"));
            browser.findElement(By.id("log-submit")).click();
            WebElement result = browser.findElement(By.id("log-result"));
            Await.until(
                    () -> result.isDisplayed() && result.getText().startsWith("Logged"),
                    WAIT,
                    "the roller's session logged",
                    result::getText);
            assertTrue(result.getText().contains("sam, neck at 0.50 mm"), result.getText());
            page.show("sam", "today");
            String samToday = browser.findElement(By.id("main")).getText();
            assertTrue(
                    samToday.contains("The 0.50 mm session on neck of "),
                    "sam's Today shows the roller's session: " + samToday);

            // What the history holds, as the command line says it.
            String alexHistory = NeedleguardProcesses.cli("history", "--owner", "alex", "--data-dir", data.toString())
                    .all();
            assertTrue(alexHistory.contains("SIM-0001") && alexHistory.contains("1 session"), alexHistory);
            String samHistory = NeedleguardProcesses.cli("history", "--owner", "sam", "--data-dir", data.toString())
                    .all();
            assertTrue(samHistory.contains("roller-1") && samHistory.contains("1 session"), samHistory);
        }
    }

    private void addPerson(String id, String name, String zone, String skinType) {
        type("add-person-id", id);
        type("add-person-name", name);
        type("add-person-zone", zone);
        choose("add-person-skin", skinType);
        click("add-person");
        awaitText("person-row-" + id, name + " (" + id + ") · " + zone + " · skin type " + skinType);
    }

    /** Pairs the pen from the list of pens nearby (looking again until the scan has seen it), then gives it. */
    private void pairAndGive(String serial, String owner, NeedleguardProcesses processes) {
        Await.until(
                () -> {
                    if (!browser.findElements(By.id("pair-" + serial)).isEmpty()) {
                        return true;
                    }
                    click("nearby-again");
                    return false;
                },
                WAIT,
                serial + " in the list of pens nearby",
                () -> browser.findElement(By.id("main")).getText() + "\n" + processes.log("run"));
        click("pair-" + serial);
        Await.until(
                () -> !browser.findElements(By.id("pen-owner-" + serial)).isEmpty(),
                WAIT,
                serial + " paired and listed with its owner",
                () -> browser.findElement(By.id("setup-result")).getText() + "\n" + processes.log("run"));
        choose("pen-owner-" + serial, owner);
        click("pen-owner-" + serial + "-save");
        awaitText("pen-row-" + serial, serial + ", " + owner + "'s");
    }

    /** Types into a field; the page may draw the view anew meanwhile (a pen nearby heard again): then again. */
    private void type(String id, String text) {
        Await.until(
                () -> {
                    try {
                        WebElement field = browser.findElement(By.id(id));
                        field.clear();
                        field.sendKeys(text);
                        return text.equals(browser.findElement(By.id(id)).getAttribute("value"));
                    } catch (StaleElementReferenceException | ElementNotInteractableException redrawn) {
                        return false;
                    }
                },
                WAIT,
                id + " typed");
    }

    private void choose(String id, String value) {
        Await.until(
                () -> {
                    try {
                        new Select(browser.findElement(By.id(id))).selectByValue(value);
                        return value.equals(browser.findElement(By.id(id)).getAttribute("value"));
                    } catch (StaleElementReferenceException | ElementNotInteractableException redrawn) {
                        return false;
                    }
                },
                WAIT,
                id + " set to " + value);
    }

    private void click(String id) {
        Await.until(
                () -> {
                    try {
                        browser.findElement(By.id(id)).click();
                        return true;
                    } catch (StaleElementReferenceException | ElementNotInteractableException redrawn) {
                        return false;
                    }
                },
                WAIT,
                id + " clicked");
    }

    /** Waits until the element (drawn anew as the page refreshes) says {@code text}. */
    private void awaitText(String id, String text) {
        Await.until(
                () -> {
                    // Read in one step in the page: the element may be drawn anew between two WebDriver calls.
                    Object shown = browser.executeScript(
                            "const e = document.getElementById(arguments[0]); return e ? e.innerText : null;", id);
                    return shown != null && shown.toString().contains(text);
                },
                WAIT,
                id + " saying " + text,
                () -> browser.findElement(By.id("main")).getText());
    }

    private void photograph(Chromium chromium, String name, Dimension size) throws Exception {
        browser.manage().window().setSize(size);
        // Whose Set up it is: the household's first person once the gateway has them, else "me".
        page.awaitView(
                (String) browser.executeScript("return document.getElementById('main').dataset.owner;"), "setup");
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(size.width, (int)
                Math.max(size.height, Math.min(3000, height))));
        browser.executeScript("window.scrollTo(0, 0);");
        chromium.screenshot(SCREENSHOTS.resolve(name + ".png"));
        browser.manage().window().setSize(new Dimension(390, 844));
    }
}
