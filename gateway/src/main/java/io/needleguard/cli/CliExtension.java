package io.needleguard.cli;

import java.util.List;

/**
 * Adds subcommands to {@code needleguard}, found with {@link java.util.ServiceLoader}. The device
 * simulator contributes {@code demo} and {@code replay} this way, so the gateway's command line does
 * not depend on it and a distribution without the simulator simply lacks those commands.
 */
public interface CliExtension {

    /** picocli command objects (classes annotated with {@code @Command}). */
    List<Object> commands();

    /**
     * The classes of {@link #commands()}, each with a constructor without arguments: the command line
     * makes only the one it runs. By default made from {@link #commands()}, which makes all of them;
     * an extension overrides this to spare the other commands' making.
     */
    default List<Class<?>> commandClasses() {
        return commands().stream().<Class<?>>map(Object::getClass).toList();
    }
}
