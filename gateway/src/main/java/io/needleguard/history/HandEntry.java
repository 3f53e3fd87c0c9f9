package io.needleguard.history;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person says about a session they log by hand, or about what to correct in one: every part
 * is optional here, and {@link HandLog} says what is missing. Built with {@link #builder()}.
 *
 * @param owner     whose skin: by default the device's owner, else the household's only person
 * @param device    a configured device without Bluetooth (a roller fills in the depth); when
 *                  correcting, an empty id removes it
 * @param area      where; required to log
 * @param depth     the needle depth; required unless the device is a roller
 * @param duration  how long; not known when left out
 * @param at        when it started; by default it ended now
 * @param cartridge the needle cartridge (or roller head) id; when correcting, empty removes it
 */
public record HandEntry(
        Optional<String> owner,
        Optional<String> device,
        Optional<Area> area,
        Optional<Depth> depth,
        Optional<Duration> duration,
        Optional<When> at,
        Optional<String> cartridge) {

    public HandEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cartridge, "cartridge");
    }

    /** When a session started: a moment, or a wall-clock time in the owner's time zone. */
    public sealed interface When {

        Instant in(ZoneId ownerZone);

        /** A date-time with an offset, or a moment from a clock. */
        record Exactly(Instant instant) implements When {
            public Exactly {
                Objects.requireNonNull(instant, "instant");
            }

            @Override
            public Instant in(ZoneId ownerZone) {
                return instant;
            }
        }

        /** A date-time without an offset: read in the owner's time zone, as everywhere in needleguard. */
        record OwnersTime(LocalDateTime time) implements When {
            public OwnersTime {
                Objects.requireNonNull(time, "time");
            }

            @Override
            public Instant in(ZoneId ownerZone) {
                return time.atZone(ownerZone).toInstant();
            }
        }
    }

    /** Nothing said at all: for a correction, nothing to correct. */
    public boolean isEmpty() {
        return owner.isEmpty()
                && device.isEmpty()
                && area.isEmpty()
                && depth.isEmpty()
                && duration.isEmpty()
                && at.isEmpty()
                && cartridge.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Optional<String> owner = Optional.empty();
        private Optional<String> device = Optional.empty();
        private Optional<Area> area = Optional.empty();
        private Optional<Depth> depth = Optional.empty();
        private Optional<Duration> duration = Optional.empty();
        private Optional<When> at = Optional.empty();
        private Optional<String> cartridge = Optional.empty();

        private Builder() {}

        public Builder owner(String owner) {
            this.owner = Optional.of(owner);
            return this;
        }

        public Builder device(String device) {
            this.device = Optional.of(device);
            return this;
        }

        public Builder area(Area area) {
            this.area = Optional.of(area);
            return this;
        }

        public Builder depth(Depth depth) {
            this.depth = Optional.of(depth);
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = Optional.of(duration);
            return this;
        }

        public Builder at(Instant at) {
            this.at = Optional.of(new When.Exactly(at));
            return this;
        }

        /** A wall-clock time in the owner's time zone. */
        public Builder at(LocalDateTime at) {
            this.at = Optional.of(new When.OwnersTime(at));
            return this;
        }

        public Builder at(When at) {
            this.at = Optional.of(at);
            return this;
        }

        public Builder cartridge(String cartridge) {
            this.cartridge = Optional.of(cartridge);
            return this;
        }

        public HandEntry build() {
            return new HandEntry(owner, device, area, depth, duration, at, cartridge);
        }
    }
}
