package io.needleguard.sim.dashboard;

import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard's page in the browser tests: going to a view, and knowing when it is drawn. */
public final class DashboardPage {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(25);

    private final ChromeDriver browser;

    public DashboardPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Goes to a view (a change of the address's fragment: the page stays) and waits until it is drawn. */
    public void show(String owner, String view) {
        browser.executeScript("window.location.hash = arguments[0];", "#/" + owner + "/" + view);
        awaitView(owner, view);
    }

    /** Waits until the page shows {@code view} for {@code owner}, with nothing being fetched and no problem. */
    public void awaitView(String owner, String view) {
        new WebDriverWait(browser, WAIT)
                .pollingEvery(POLL)
                .until(d -> Boolean.TRUE.equals(((ChromeDriver) d)
                        .executeScript(
                                "const m = document.getElementById('main');"
                                        + "return m.dataset.ready === 'true' && m.dataset.view === arguments[0]"
                                        + " && m.dataset.owner === arguments[1]"
                                        + " && document.getElementById('problem').hidden;",
                                view,
                                owner)));
    }

    /** How many times the page has drawn a view. */
    long renders() {
        return ((Number) browser.executeScript("return Number(document.getElementById('main').dataset.renders || 0);"))
                .longValue();
    }
}
