package io.needleguard.sim.cli;

import io.needleguard.cli.SessionText;
import io.needleguard.dashboard.DashboardServer;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.bridge.MqttBridge;
import io.needleguard.rules.Severity;
import io.needleguard.session.SessionId;
import io.needleguard.sim.bluez.BluezTransport;
import io.needleguard.sim.mqtt.MqttTap;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioSession;
import io.needleguard.store.SqliteStore;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code needleguard demo} tells before the replay (the scenario, where the pens, the history, the
 * broker and the dashboard are) and after it (what was recorded, found, published and received).
 */
final class DemoSummary {

    private DemoSummary() {}

    static void header(
            PrintWriter out,
            SessionText text,
            Scenario scenario,
            SqliteStore history,
            String url,
            boolean embedded,
            DemoCommand.Ble ble,
            String backend,
            DashboardServer dashboard) {
        long people = scenario.owners().size();
        out.println(text.bold("needleguard demo: \"" + scenario.name() + "\"") + " - "
                + scenario.pens().size() + " simulated pens, " + people + (people == 1 ? " person, " : " people, ")
                + scenario.sessions().size() + " sessions");
        out.println("  pens     "
                + (ble == DemoCommand.Ble.bluez_sim
                        ? "simulated BlueZ on " + System.getenv(BluezTransport.SYSTEM_BUS_ENV) + ", reached with the "
                                + (backend.equals("auto") ? BluezTransport.autoBackend() : backend) + " backend"
                        : "in this process, behind the gateway's Bluetooth port"));
        out.println("  history  " + history.file());
        out.println("  MQTT     " + url + (embedded ? " (embedded broker)" : "") + ", topics "
                + MqttSettings.DEFAULT_ROOT + "/<pen>/session and " + MqttSettings.DEFAULT_ROOT + "/<pen>/alert");
        if (dashboard != null) {
            out.println("  dashboard " + dashboard.url() + " (open it now: it follows the pens as they record)");
        }
        out.println();
        out.flush();
    }

    static void summary(
            PrintWriter out,
            SessionText text,
            Scenario scenario,
            LiveView view,
            SqliteStore history,
            MqttBridge publisher,
            MqttTap tap,
            String url) {
        out.println();
        out.println(text.bold("Summary"));
        out.println("  " + count(view.recorded, "session") + " recorded"
                + (view.synced > 0
                        ? ", " + view.synced + " of them fetched from a pen's memory after it was out of range"
                        : ""));
        // The pens offer again what the history has (a duplicate), except what they kept while out of
        // range: the gateway asks only for sessions after the last one it stored, so those are not even
        // offered. Counted in the history: the scenario's sessions there that this run did not store.
        int notStored = Math.max(view.duplicates, inHistory(scenario, history) - view.recordedFromPens);
        if (notStored > 0) {
            out.println("  " + count(notStored, "session") + (notStored == 1 ? " was" : " were")
                    + " already in the history and not stored again (leave out --data-dir for a fresh demo history)");
        }
        // Findings are warnings and critical ones; info is about the data (odd, or not checked) and is
        // counted apart, as it is everywhere else (open findings, the history's summary line).
        int critical = view.findingsBySeverity.getOrDefault(Severity.CRITICAL, 0);
        int warning = view.findingsBySeverity.getOrDefault(Severity.WARNING, 0);
        out.println(
                "  " + count(critical + warning, "finding") + ": " + critical + " critical, " + warning + " warning");
        byRule(out, view.findingsByRule);
        int notes = view.findingsBySeverity.getOrDefault(Severity.INFO, 0);
        if (notes > 0) {
            out.println("  " + count(notes, "note") + " about the data (info: odd, or not checked), "
                    + (notes == 1 ? "not a safety finding" : "not safety findings"));
            byRule(out, view.notesByRule);
        }
        if (view.reevaluated > 0) {
            out.println(
                    "  " + count(view.reevaluated, "earlier verdict") + " judged again when a session arrived late");
        }
        out.println("  MQTT: " + url + " acknowledged " + count(publisher.delivered(), "message")
                + " of sessions and alerts");
        if (tap != null) {
            out.println("        a subscriber received " + count(tap.sessions(), "session message") + ", "
                    + count(tap.alerts(), "alert") + ", " + count(tap.nextSafe(), "next-safe update") + " and "
                    + count(tap.penStates(), "pen state"));
        }
        if (publisher.waiting() > 0) {
            out.println("  " + text.severity(Severity.WARNING) + " " + count(publisher.waiting(), "message")
                    + " could not be delivered; see the log lines above");
        }
        out.println("  History: " + history.file());
        out.println("  Next: ./needleguard history --data-dir " + history.file().getParent());
        out.flush();
    }

    /** One line per rule that found something, with how often. */
    private static void byRule(PrintWriter out, Map<String, Integer> counts) {
        counts.forEach((rule, count) -> {
            if (count > 0) {
                out.println(String.format(Locale.ROOT, "    %-26s %d", rule, count));
            }
        });
    }

    /** How many of the scenario's pen sessions the history holds: each pen numbers its sessions from 1. */
    private static int inHistory(Scenario scenario, SqliteStore history) {
        Map<String, Long> perPen = scenario.sessions().stream()
                .collect(Collectors.groupingBy(ScenarioSession::pen, Collectors.counting()));
        int found = 0;
        for (Map.Entry<String, Long> pen : perPen.entrySet()) {
            for (long counter = 1; counter <= pen.getValue(); counter++) {
                if (history.sessions()
                        .find(new SessionId(pen.getKey(), counter))
                        .isPresent()) {
                    found++;
                }
            }
        }
        return found;
    }

    /** {@code 1 session}, {@code 2 sessions}. */
    static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
