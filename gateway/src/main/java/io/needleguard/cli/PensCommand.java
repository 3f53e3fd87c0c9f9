package io.needleguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.config.GatewayConfig;
import io.needleguard.household.Owner;
import io.needleguard.pairing.PairedPen;
import io.needleguard.pairing.RefusedDevice;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard pens}: the pens this gateway records, and devices it refused. */
@Command(
        name = "pens",
        mixinStandardHelpOptions = true,
        subcommands = {HouseholdEdits.PenOwner.class, HouseholdEdits.Lend.class},
        description = {
            "Lists the pens this gateway records, and the devices it refused.",
            "",
            "A pen is recorded when it is paired ('needleguard pair') or listed under pens: in the configuration. A configured "
                    + "pen without an address is pinned to the address of its first connection. A device that claims a "
                    + "recorded pen's serial from another address is refused and listed here. Times are in the pen "
                    + "owner's time zone, as in 'needleguard history'."
        })
final class PensCommand implements Callable<Integer> {

    enum Format {
        table,
        json
    }

    private static final java.time.format.DateTimeFormatter MINUTES =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    /** One row: a pen, where its pairing comes from, and whose it is (whose time zone its times are in). */
    record Row(
            String serial,
            Optional<String> address,
            Optional<Instant> since,
            String source,
            String owner,
            ZoneId zone) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalState state = options.open(true)) {
            List<Row> rows = state.pens().stream()
                    .map(serial -> {
                        Optional<PairedPen> paired = state.store.pairings().pairedPen(serial);
                        Optional<GatewayConfig.Pen> configured = state.config.pens().stream()
                                .filter(p -> p.serial().equals(serial))
                                .findFirst();
                        Optional<String> address =
                                configured.flatMap(GatewayConfig.Pen::address).or(() -> paired.map(PairedPen::address));
                        // Paired with 'needleguard pair'; or listed in the configuration, with the address it
                        // gives, or pinned to the one it first connected from, or still waiting for that.
                        String source = configured.isEmpty()
                                ? "paired"
                                : configured.get().address().isPresent()
                                        ? "configuration"
                                        : paired.isPresent() ? "configuration, pinned" : "configuration";
                        Owner owner = state.household.ownerOfPen(serial);
                        return new Row(serial, address, paired.map(PairedPen::since), source, owner.id(), owner.zone());
                    })
                    .toList();
            List<RefusedDevice> refused = state.store.pairings().refusedDevices();
            if (format == Format.json) {
                out.println(json(rows, refused));
            } else {
                table(
                        out,
                        rows,
                        refused,
                        serial -> state.household.ownerOfPen(serial).zone());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /**
     * Times are in the pen owner's time zone, as {@code history} shows that person's sessions; a refused
     * device's, in the zone of the owner of the pen it claimed to be.
     */
    private static void table(
            PrintWriter out, List<Row> rows, List<RefusedDevice> refused, Function<String, ZoneId> zoneOfPen) {
        if (rows.isEmpty()) {
            out.println("No pens yet: pair one with 'needleguard pair'.");
        } else {
            List<List<String>> lines = new java.util.ArrayList<>();
            lines.add(List.of("PEN", "ADDRESS", "SINCE", "FROM", "OWNER"));
            rows.forEach(row -> lines.add(List.of(
                    row.serial(),
                    row.address().orElse("(first connection)"),
                    row.since().map(at -> local(at, row.zone())).orElse("-"),
                    row.source(),
                    row.owner())));
            aligned(out, lines);
        }
        if (!refused.isEmpty()) {
            out.println();
            out.println("Refused: devices that claimed a pen's serial from another address");
            List<List<String>> lines = new java.util.ArrayList<>();
            lines.add(List.of("CLAIMED PEN", "ADDRESS", "FIRST SEEN", "LAST SEEN", "TIMES"));
            refused.forEach(d -> lines.add(List.of(
                    d.serial(),
                    d.address(),
                    local(d.firstSeen(), zoneOfPen.apply(d.serial())),
                    local(d.lastSeen(), zoneOfPen.apply(d.serial())),
                    Long.toString(d.times()))));
            aligned(out, lines);
        }
    }

    /** Prints rows with each column as wide as its widest cell, so that long values do not shift the rest. */
    static void aligned(PrintWriter out, List<List<String>> lines) {
        int columns = lines.get(0).size();
        int[] widths = new int[columns];
        for (List<String> line : lines) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                text.append(c == columns - 1 ? line.get(c) : String.format("%-" + widths[c] + "s  ", line.get(c)));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private static String local(Instant at, ZoneId zone) {
        return SessionText.when(at, zone, MINUTES);
    }

    private static String json(List<Row> rows, List<RefusedDevice> refused) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode pens = root.putArray("pens");
        for (Row row : rows) {
            ObjectNode pen = pens.addObject()
                    .put("serial", row.serial())
                    .put("source", row.source())
                    .put("owner", row.owner());
            row.address().ifPresentOrElse(a -> pen.put("address", a), () -> pen.putNull("address"));
            row.since().ifPresentOrElse(s -> pen.put("since", s.toString()), () -> pen.putNull("since"));
        }
        ArrayNode devices = root.putArray("refused");
        for (RefusedDevice d : refused) {
            devices.addObject()
                    .put("claimedSerial", d.serial())
                    .put("address", d.address())
                    .put("firstSeen", d.firstSeen().toString())
                    .put("lastSeen", d.lastSeen().toString())
                    .put("times", d.times());
        }
        return root.toPrettyString();
    }
}
