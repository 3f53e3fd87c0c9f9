package io.needleguard.sim.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page when the gateway stops answering, in a world of its own (it stops that world's dashboard): a
 * banner at the top within 5 s and every safety answer "unknown", until the gateway answers again. A
 * gateway that hangs instead of stopping is HungGatewayInBrowserTest's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaleStateInBrowserTest {

    private static final Dimension PHONE = new Dimension(390, 844);
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
    void whenTheGatewayStopsABannerSaysSinceWhenWithinFiveSecondsAndTheAnswersTurnUnknown() throws Exception {
        browser.manage().window().setSize(PHONE);
        page.show("alex", "today");
        assertEquals(0L, unknownAnswers(), "every answer known while the gateway answers");

        world.stopDashboard();
        long stopped = System.nanoTime();
        WebElement banner = browser.findElement(By.id("stale"));
        Await.until(banner::isDisplayed, Duration.ofSeconds(5), "a banner within 5 s");
        double seconds = (System.nanoTime() - stopped) / 1e9;
        assertEquals("alert", banner.getAttribute("role"));
        assertTrue(banner.getText().matches("(?s).*not answered since \\d\\d:\\d\\d:\\d\\d.*"), banner.getText());
        assertTrue(
                ((Number) browser.executeScript("return arguments[0].getBoundingClientRect().top;", banner))
                                .doubleValue()
                        <= 0.5,
                "at the top");
        for (WebElement when : browser.findElements(By.cssSelector("#areas .when"))) {
            assertEquals("unknown", when.getText(), "no stale answer: " + when.getText());
        }
        assertTrue(browser.findElement(By.id("summary")).getText().contains("Unknown"));
        browser.executeScript("window.scrollTo(0, 0);");
        chromium.screenshot(DashboardInBrowserTest.SCREENSHOTS.resolve("phone-stale.png"));
        System.out.printf("the stale-state banner appeared %.2f s after the gateway stopped%n", seconds);

        world.restartDashboard();
        Await.until(() -> !banner.isDisplayed(), WAIT, "it clears itself when the gateway is back");
        page.awaitView("alex", "today");
        Await.until(() -> unknownAnswers() == 0, WAIT, "every answer known again");
    }

    /** Read in one step in the page: the list may be drawn anew between two WebDriver calls. */
    private long unknownAnswers() {
        return (Long) browser.executeScript("return Array.from(document.querySelectorAll('#areas .when'))"
                + ".filter(e => e.textContent === 'unknown').length;");
    }
}
