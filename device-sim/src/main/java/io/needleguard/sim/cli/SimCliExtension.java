package io.needleguard.sim.cli;

import io.needleguard.cli.CliExtension;
import java.util.List;

/** Adds the simulator's commands to {@code needleguard}. */
public final class SimCliExtension implements CliExtension {

    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new ReplayCommand(), new SimCommand());
    }

    @Override
    public List<Class<?>> commandClasses() {
        return List.of(DemoCommand.class, ReplayCommand.class, SimCommand.class);
    }
}
