package io.needleguard.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.needleguard.text.Quote;

/**
 * {@code %msg} with control characters escaped: a log line can quote what came from outside (an MQTT
 * payload, a name a Bluetooth device gave itself) without that text starting a forged line of its own
 * (a newline), recolouring the terminal (ESC) or cutting the line short (NUL). Tabs stay.
 */
public final class SafeMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(event.getFormattedMessage());
    }

    static String escape(String message) {
        return message == null ? "null" : Quote.controls(message);
    }
}
