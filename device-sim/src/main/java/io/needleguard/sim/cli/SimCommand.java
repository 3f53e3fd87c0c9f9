package io.needleguard.sim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code needleguard sim ...}: simulators to point a real gateway at. */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = "Simulators for trying and testing a real gateway without pens or Bluetooth.",
        subcommands = {SimBluezCommand.class})
final class SimCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
