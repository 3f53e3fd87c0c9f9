package io.needleguard.cli;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * A {@link PatternLayoutEncoder} made when the first line is logged, not when logging starts: compiling
 * the pattern costs about 20 ms, on every start of every command, and a one-shot command that goes well
 * logs nothing at all (src/docs/performance.md). The lines are the pattern encoder's own.
 */
final class FirstUseEncoder extends EncoderBase<ILoggingEvent> {

    private final String pattern;
    private volatile PatternLayoutEncoder encoder;

    FirstUseEncoder(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public byte[] headerBytes() {
        return null; // the pattern has no header, and the file it would go to (standard error) has none
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return encoder().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        PatternLayoutEncoder made = encoder;
        return made == null ? null : made.footerBytes();
    }

    @Override
    public void stop() {
        PatternLayoutEncoder made = encoder;
        if (made != null) {
            made.stop();
        }
        super.stop();
    }

    private PatternLayoutEncoder encoder() {
        PatternLayoutEncoder made = encoder;
        if (made == null) {
            synchronized (this) {
                made = encoder;
                if (made == null) {
                    made = new PatternLayoutEncoder();
                    made.setContext(getContext());
                    made.setPattern(pattern);
                    made.start();
                    encoder = made;
                }
            }
        }
        return made;
    }
}
