package io.needleguard.cli;

import org.slf4j.LoggerFactory;

/** Logs one warning and one info line in a JVM of its own: how Logback set itself up there. */
public final class LoggingProbe {

    private LoggingProbe() {}

    public static void main(String[] args) {
        LoggerFactory.getLogger(LoggingProbe.class).warn("probe warning");
        LoggerFactory.getLogger(LoggingProbe.class).info("probe info");
        LoggerFactory.getLogger("io.netty.channel").info("netty chatter");
    }
}
