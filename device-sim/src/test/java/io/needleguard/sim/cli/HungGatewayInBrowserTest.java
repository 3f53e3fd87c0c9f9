package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.sim.dashboard.Chromium;
import io.needleguard.testing.Await;
import io.needleguard.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A gateway that hangs (a stuck process, a frozen Pi) keeps its connections open: the page's live stream
 * neither breaks nor speaks, so only the stream's heartbeat can tell the page. The demo's process is
 * stopped with SIGSTOP, as a hang would, with the page open in Chromium; the page must say within about
 * 18 s (dashboard.md) that the gateway is silent, and clear itself once the process goes on (SIGCONT).
 */
class HungGatewayInBrowserTest {

    private static final Duration START = Duration.ofSeconds(60);
    /** dashboard.md's 18 s, and room for a busy build machine. */
    private static final Duration NOTICED = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aGatewayThatHangsWithItsStreamOpenIsShownStaleAndClearsWhenItGoesOn() throws Exception {
        Chromium.assumeInstalled();
        int port = FreePorts.loopback();
        try (NeedleguardProcesses processes = new NeedleguardProcesses(dir);
                Chromium chromium = Chromium.start(dir.resolve("chromium"), 390, 844)) {
            Process demo = processes.start(
                    "demo",
                    "demo",
                    "--dashboard",
                    "--dashboard-port",
                    Integer.toString(port),
                    "--ms-per-day",
                    "0",
                    "--data-dir",
                    dir.resolve("data").toString());
            String stays = "The dashboard stays at http://127.0.0.1:" + port + "/ until Ctrl-C.";
            Await.until(
                    () -> processes.log("demo").contains(stays),
                    START,
                    "the demo's dashboard",
                    () -> processes.log("demo"));
            ChromeDriver browser = chromium.driver();
            browser.get("http://127.0.0.1:" + port + "/");
            WebElement live = browser.findElement(By.id("live-text"));
            WebElement banner = browser.findElement(By.id("stale"));
            Await.until(() -> live.getText().equals("live"), START, "the page's live stream open");

            signal(demo, "STOP");
            long hung = System.nanoTime();
            try {
                Await.until(banner::isDisplayed, NOTICED, "the stale-state banner while the gateway hangs");
                System.out.printf(
                        "a hung gateway was shown stale %.1f s after it stopped answering%n",
                        (System.nanoTime() - hung) / 1e9);
                assertEquals("alert", banner.getAttribute("role"));
                assertTrue(banner.getText().contains("has not answered since"), banner.getText());
            } finally {
                signal(demo, "CONT");
            }
            Await.until(() -> !banner.isDisplayed(), START, "the banner gone once the gateway goes on");
            Await.until(() -> live.getText().equals("live"), START, "the live stream open again");
        }
    }

    /** Sends {@code signal} to the gateway's JVM and whatever it started, as {@code kill -STOP} would. */
    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        String pids = Stream.concat(
                        Stream.of(process.toHandle()), process.toHandle().descendants())
                .map(h -> Long.toString(h.pid()))
                .reduce((a, b) -> a + " " + b)
                .orElseThrow();
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pids)
                .redirectErrorStream(true)
                .start();
        assertEquals(
                0,
                kill.waitFor(),
                "kill -" + signal + " " + pids + ": "
                        + new String(kill.getInputStream().readAllBytes()));
    }
}
