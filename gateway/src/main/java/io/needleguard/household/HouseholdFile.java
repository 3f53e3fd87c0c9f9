package io.needleguard.household;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the configuration file says about the household. The file wins for what it names: an owner id,
 * a pen serial or a device id listed here cannot be changed from the command line, MQTT or the page.
 *
 * @param file      the file, as people should be told to edit it (empty: there is no file)
 * @param owners    the owners it lists, in its order (none: it names no one)
 * @param penOwners pen serial to owner id, for the pens it lists
 * @param devices   the devices without Bluetooth it lists
 */
public record HouseholdFile(
        Optional<String> file, List<Owner> owners, Map<String, String> penOwners, List<Device> devices) {

    public static final HouseholdFile NONE = new HouseholdFile(Optional.empty(), List.of(), Map.of(), List.of());

    public HouseholdFile {
        Objects.requireNonNull(file, "file");
        owners = List.copyOf(owners);
        penOwners = Map.copyOf(penOwners);
        devices = List.copyOf(devices);
    }

    public boolean namesOwner(String id) {
        return owners.stream().anyMatch(o -> o.id().equals(id));
    }

    public boolean namesPen(String serial) {
        return penOwners.containsKey(serial);
    }

    public boolean namesDevice(String id) {
        return devices.stream().anyMatch(d -> d.id().equals(id));
    }

    /** "needleguard.yaml" or, without a file, "the configuration". */
    public String name() {
        return file.orElse("the configuration");
    }
}
