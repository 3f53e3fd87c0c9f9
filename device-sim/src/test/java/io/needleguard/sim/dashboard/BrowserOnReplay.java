package io.needleguard.sim.dashboard;

import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser tests on the replayed month start with: the {@link ReplayedWorld} serving the page, a
 * headless {@link Chromium} of the given size, and the {@link DashboardPage} in it. Closed in one step,
 * the browser first; a browser that cannot start leaves no world running.
 */
final class BrowserOnReplay implements AutoCloseable {

    final ReplayedWorld world;
    final Chromium chromium;
    final ChromeDriver browser;
    final DashboardPage page;

    private BrowserOnReplay(ReplayedWorld world, Chromium chromium) {
        this.world = world;
        this.chromium = chromium;
        this.browser = chromium.driver();
        this.page = new DashboardPage(browser);
    }

    /** Skips the test when Chromium is missing (fails with {@code CI=true}), as {@link Chromium} does. */
    static BrowserOnReplay open(Path dir, int width, int height) throws Exception {
        Chromium.assumeInstalled();
        ReplayedWorld world = ReplayedWorld.start(dir);
        try {
            return new BrowserOnReplay(world, Chromium.start(dir.resolve("chromium"), width, height));
        } catch (Exception | Error e) {
            world.close();
            throw e;
        }
    }

    /** Opens {@code #/owner/view} and waits until it is drawn. */
    void load(String owner, String view) {
        browser.get(world.url("/#/" + owner + "/" + view));
        page.awaitView(owner, view);
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            world.close();
        }
    }
}
