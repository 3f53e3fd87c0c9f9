package io.needleguard.cli;

import io.needleguard.text.InvalidInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard forget SERIAL}: unpair a pen. */
@Command(
        name = "forget",
        mixinStandardHelpOptions = true,
        description = {
            "Unpairs a pen: the gateway stops recording it and withdraws it from Home Assistant.",
            "",
            "Its recorded sessions stay in the history. A running gateway notices within a second: it disconnects the pen, "
                    + "records nothing more from it and withdraws it from Home Assistant. A pen listed under pens: in the configuration is still recorded: "
                    + "forgetting it only forgets its address, so a replacement pen with the same serial can connect. "
                    + "Nor is a pen the sim backend simulates (ble.backend: sim): the gateway records the simulator's own "
                    + "pens whether paired or not, and forget says so."
        })
final class ForgetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SERIAL", description = "The pen's serial.")
    String serial;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    /** Whether the configured backend simulates this pen (it is then recorded paired or not). */
    private boolean simulated(LocalState state) {
        try {
            return RunCommand.provider(state.config.ble().backend())
                    .simulatedSerials(state.config.ble().options())
                    .contains(serial);
        } catch (RuntimeException e) {
            // A backend that is not installed, or options it refuses: 'run' says what is wrong; forget does its job.
            return false;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalState state = options.open(true)) {
            boolean configured =
                    state.config.pens().stream().anyMatch(p -> p.serial().equals(serial));
            boolean simulated = simulated(state);
            boolean forgotten = state.store.pairings().forget(serial);
            if (simulated) {
                // The gateway records a simulator's own pens whether they are paired or not: say so.
                String why = serial + " is one of the pens the sim backend simulates (ble.backend: sim in "
                        + options.config().file().map(Object::toString).orElse("the configuration")
                        + "), and a running gateway records the simulator's own pens whether they are paired or not;"
                        + " to stop recording it, give the simulator a scenario without it (ble.options.scenario) or"
                        + " another ble.backend, and restart the gateway";
                if (!forgotten && !configured) {
                    throw new InvalidInputException("pen " + serial + " is not paired with this gateway, so there is"
                            + " nothing to forget: " + why);
                }
                out.println("Forgot the pairing of pen " + serial + ", but it is still recorded: " + why + ".");
                out.flush();
                return ExitCodes.OK;
            }
            if (!forgotten && !configured) {
                java.util.List<String> pens = state.pens();
                throw new InvalidInputException("pen " + serial + " is not paired with this gateway; paired: "
                        + (pens.isEmpty() ? "none" : String.join(", ", pens)));
            }
            if (configured) {
                out.println(
                        "Forgot the address of pen " + serial + "; it is still listed under pens: in "
                                + options.config().file().map(Object::toString).orElse("the configuration")
                                + ", so it is still recorded (from the address it next connects from). Remove it there to stop recording it.");
            } else {
                out.println("Forgot pen " + serial + ": it is no longer recorded; its sessions stay in the history.");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
