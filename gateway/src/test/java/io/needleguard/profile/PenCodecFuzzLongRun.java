package io.needleguard.profile;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The long run of {@link PenCodecFuzzTest}: a million frames, each to a decoder of its own choosing.
 * Runs with {@code ./mvnw -B verify -Preliability}, not in every build.
 */
class PenCodecFuzzLongRun {

    @Property(tries = 1_000_000)
    void everyDecoder(@ForAll PenCodecFuzzTest.Decoder decoder, @ForAll("frames") byte[] frame) {
        PenCodecFuzzTest.decodesOrRefuses(decoder, PenCodecFuzzTest.mutate(decoder, frame));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<byte[]> frames() {
        return PenCodecFuzzTest.frames();
    }
}
