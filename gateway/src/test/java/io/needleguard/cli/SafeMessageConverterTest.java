package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What comes from outside cannot forge a log line, with the log configuration needleguard ships. */
class SafeMessageConverterTest {

    @Test
    void controlCharactersAreEscapedAndPrintableTextIsLeftAlone() {
        assertEquals(
                "'cheek\\nFAKE ERROR forged line'", SafeMessageConverter.escape("'cheek\nFAKE ERROR forged line'"));
        assertEquals("\\u001b[31mred\\u0000cut\\r", SafeMessageConverter.escape("\u001b[31mred\u0000cut\r"));
        assertEquals("Zoë\tcheeks 0.25 mm ✓", SafeMessageConverter.escape("Zoë\tcheeks 0.25 mm ✓"));
        assertEquals("a\\u2028b", SafeMessageConverter.escape("a\u2028b"));
    }

    @Test
    void theShippedConfigurationWritesOneLinePerMessageWhateverTheMessageHolds() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        try {
            context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
            LogbackSetup setup = new LogbackSetup();
            setup.setContext(context);
            setup.configure(context);
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ((OutputStreamAppender<?>) root.getAppender("STDERR")).setOutputStream(captured);
            context.getLogger("io.needleguard.test")
                    .warn("MQTT command refused: '{}'", "cheek\n12:00:00.000 ERROR [main] Gateway - forged\u001b[2J");
        } finally {
            context.stop();
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("'cheek\\n12:00:00.000 ERROR [main] Gateway - forged\\u001b[2J'"), out);
    }
}
