package io.needleguard.cli;

import io.needleguard.household.Device;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.session.Depth;
import io.needleguard.text.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code needleguard device}: devices without Bluetooth (rollers, pens that cannot report), so that a
 * session logged by hand can name one and take its owner and, for a roller, its depth. Devices listed
 * in the configuration file are changed there (the file wins); these are kept in the history.
 */
@Command(
        name = "device",
        mixinStandardHelpOptions = true,
        description = "Adds, changes, removes and lists devices without Bluetooth (rollers, pens).",
        subcommands = {
            DeviceCommand.Add.class,
            DeviceCommand.Edit.class,
            DeviceCommand.Remove.class,
            DeviceCommand.ListDevices.class
        })
final class DeviceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "say what to do: add, edit, remove or list");
    }

    static Device.Kind kind(String kind) {
        return HouseholdEdits.option("--kind", kind, Device.Kind::parse);
    }

    static Optional<Depth> needleLength(String mm) {
        return Optional.ofNullable(mm).map(m -> HouseholdEdits.option("--needle-length-mm", m, Device::needleLength));
    }

    /** A device as given, its rules (a roller has a needle length, a pen none) worded as the fix. */
    static Device device(String id, Device.Kind kind, String owner, Optional<Depth> needles) {
        try {
            return new Device(id, kind, owner, needles);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage()
                    + (kind == Device.Kind.ROLLER ? ": add --needle-length-mm" : ": leave out --needle-length-mm"));
        }
    }

    static String described(Device d) {
        return d.id() + " (" + d.kind() + d.needleLength().map(l -> ", " + l).orElse("") + ", " + d.owner() + "'s)";
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a device without Bluetooth.")
    static final class Add extends HouseholdEdits.Edit {
        @Parameters(paramLabel = "ID", description = "The name to log it with, e.g. roller-1.")
        String id;

        @Option(names = "--kind", required = true, description = "roller or pen.")
        String kind;

        @Option(names = "--owner", description = "Whose it is (default: the household's first person).")
        String owner;

        @Option(names = "--needle-length-mm", description = "A roller's needle length, its depth every time.")
        String needleLength;

        @Override
        String change(HouseholdChanges changes) {
            String whose =
                    owner != null ? owner : changes.household().firstOwner().id();
            Device d = changes.addDevice(device(id, kind(kind), whose, needleLength(needleLength)));
            return "Added " + described(d) + ".";
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Changes a device added here.")
    static final class Edit extends HouseholdEdits.Edit {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--kind", description = "roller or pen.")
        String kind;

        @Option(names = "--owner", description = "Whose it is.")
        String owner;

        @Option(names = "--needle-length-mm", description = "A roller's needle length.")
        String needleLength;

        @Override
        String change(HouseholdChanges changes) {
            if (kind == null && owner == null && needleLength == null) {
                throw new InvalidInputException("nothing to change: give --kind, --owner or --needle-length-mm");
            }
            Device was = changes.storedDevice(id, "change");
            Device.Kind newKind = kind != null ? kind(kind) : was.kind();
            Optional<Depth> needles = needleLength != null
                    ? needleLength(needleLength)
                    : newKind == Device.Kind.PEN ? Optional.empty() : was.needleLength();
            Device d = changes.editDevice(device(id, newKind, owner != null ? owner : was.owner(), needles));
            return "Changed: " + described(d) + ".";
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a device added here.")
    static final class Remove extends HouseholdEdits.Edit {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        String change(HouseholdChanges changes) {
            Device d = changes.removeDevice(id);
            return "Removed " + d.id() + "; sessions logged with it keep its name.";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the household's devices.")
    static final class ListDevices extends HouseholdEdits.Listing {
        @Override
        List<String> header() {
            return List.of("ID", "KIND", "NEEDLES", "OWNER", "FROM");
        }

        @Override
        List<List<String>> rows(HouseholdChanges changes) {
            List<List<String>> rows = new ArrayList<>();
            for (Device d : changes.household().devices()) {
                rows.add(List.of(
                        d.id(),
                        d.kind().id(),
                        d.needleLength().map(Depth::toString).orElse("-"),
                        d.owner(),
                        changes.deviceInFile(d.id()) ? "set in the configuration file" : "added"));
            }
            return rows;
        }

        @Override
        String whenEmpty(HouseholdChanges changes) {
            return "No devices: add a roller with 'needleguard device add ID --kind roller --needle-length-mm 0.5'.";
        }
    }
}
