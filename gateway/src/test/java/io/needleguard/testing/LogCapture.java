package io.needleguard.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what one class logs, to check what a user would read in the log. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ch.qos.logback.classic.Level before;

    /** Captures INFO and above, whatever the configured level. */
    public LogCapture(Class<?> source) {
        this(source.getName());
    }

    /** Captures a logger and those below it ({@code io.needleguard}: everything of ours), INFO and above. */
    public LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    /** Every formatted message so far. */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** How many lines so far. */
    public int size() {
        synchronized (appender.list) {
            return appender.list.size();
        }
    }

    /** The formatted messages from the {@code from}th on. */
    public List<String> messagesFrom(int from) {
        synchronized (appender.list) {
            return appender.list.subList(from, appender.list.size()).stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** How many lines came with a stack trace. */
    public long withStackTrace() {
        synchronized (appender) {
            return appender.list.stream()
                    .filter(e -> e.getThrowableProxy() != null)
                    .count();
        }
    }

    public long count(String fragment) {
        return messages().stream().filter(m -> m.contains(fragment)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }
}
