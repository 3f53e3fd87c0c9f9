package io.needleguard.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Home Assistant was told: each device announced (with the config last published, so that a
 * config goes out when it changes and not otherwise, and a device that leaves is withdrawn, also
 * after a restart), what each pen said it is (so that its device is described the same way from the
 * start), and the pens the first versions announced one entity at a time, until they are migrated.
 */
public interface AnnouncedDevices {

    /**
     * A device as announced.
     *
     * @param kind   {@code gateway}, {@code pen} or {@code person}
     * @param key    whose device: the MQTT root, the pen's serial, the person's id
     * @param config the discovery config last published
     */
    record Device(String id, String kind, String key, String config) {
        public Device {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(config, "config");
        }
    }

    /** What a pen said it is when it last connected. */
    record Identity(String serial, String model, String firmware, String address) {
        public Identity {
            Objects.requireNonNull(serial, "serial");
        }
    }

    /** Every device announced, by id. */
    Map<String, Device> devices();

    /** Records a device as announced with this config (replacing what it was). */
    void announced(Device device);

    void withdrawn(String id);

    Optional<Identity> identity(String serial);

    void identified(Identity identity);

    /**
     * Where a pen announced one entity at a time by the first versions stands: its old topics are
     * still configs ({@code ANNOUNCED}), or they were told to hand over to the device config and are
     * not yet cleared ({@code MIGRATED}).
     */
    enum Legacy {
        ANNOUNCED,
        MIGRATED
    }

    /** The pens the first versions announced, until their old topics are cleared; by serial. */
    Map<String, Legacy> legacyPens();

    /** A legacy pen's old topics were told to hand over. */
    void legacyMigrated(String serial);

    /** A legacy pen's old topics were cleared: nothing of the old way is left. */
    void legacyCleared(String serial);
}
