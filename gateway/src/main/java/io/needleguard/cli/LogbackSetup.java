package io.needleguard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * needleguard's logging, set up in code when Logback starts (found through {@link java.util.ServiceLoader}
 * as a Logback {@link Configurator}): standard error only, with the pattern and levels the project has
 * always used. Parsing an XML configuration took a third of a second of every command's start; this
 * takes a few milliseconds. A configuration of the user's own, {@code -Dlogback.configurationFile=FILE},
 * is left to Logback as before.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {

    /** What each line shows: time, level, thread, the class that logs, the message. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        useSafeMessages(context);
        FirstUseEncoder encoder = new FirstUseEncoder(PATTERN);
        encoder.setContext(context);
        encoder.start();
        // Standard error only: standard output belongs to the command's own output.
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // Third-party chatter at start-up is not news for a user.
        for (String chatty : new String[] {"io.moquette", "io.netty", "org.eclipse.paho", "org.freedesktop.dbus"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        // The demo's embedded broker, stopping, may still write to a client's channel that just closed:
        // Netty then warns with a stack trace about an exception nobody handled. Nothing is lost (the
        // client is gone); a user pressing Ctrl-C should not read it as a failure.
        context.getLogger("io.netty.channel.DefaultChannelPipeline").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code %msg} (and its aliases) escapes control characters: text from outside (MQTT payloads,
     * device names) cannot forge a log line. Registered on the context, as {@code <conversionRule>} does.
     */
    static void useSafeMessages(LoggerContext context) {
        @SuppressWarnings("unchecked")
        Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>)
                context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        for (String word : new String[] {"msg", "m", "message"}) {
            rules.put(word, SafeMessageConverter::new);
        }
    }
}
