package io.needleguard.ble.tinyb;

import io.needleguard.ble.BleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * Loads TinyB's native libraries from the Maven artifact: extracts them to a per-user cache, with the
 * soname {@code libjavatinyb.so} expects, and loads them by path before TinyB's own classes try (and
 * fail) to find them on the library path.
 */
final class TinybNatives {

    /** The soname libjavatinyb.so was linked against. */
    static final String TINYB_SONAME = "libtinyb.so.0.5.0-28-gac6d308";

    private static boolean loaded;

    private TinybNatives() {}

    /** Where the artifact keeps the natives for this machine, or why there are none. */
    static String platformDirectory(String osName, String osArch) throws BleException {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            throw new BleException("TinyB runs only on Linux (with BlueZ); this is " + osName
                    + ". Use ble.backend: sim to try needleguard here");
        }
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "native/linux/x86_64";
            case "x86":
            case "i386":
            case "i486":
            case "i586":
            case "i686":
                return "native/linux/x86_32";
            case "arm":
            case "armv6l":
            case "armv7l":
                return "native/arm/armv6";
            default:
                throw new BleException(
                        "TinyB's native libraries cover Linux x86_64, x86 and 32-bit ARM; this machine is linux/"
                                + osArch
                                + "; use ble.backend: dbus (or auto, the default), which runs wherever BlueZ does");
        }
    }

    /** The per-user cache: $XDG_CACHE_HOME/needleguard/tinyb, else ~/.cache/needleguard/tinyb. */
    static Path cacheDirectory(Map<String, String> env, String home) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("needleguard").resolve("tinyb");
    }

    static synchronized void load() throws BleException {
        if (loaded) {
            return;
        }
        String platform = platformDirectory(System.getProperty("os.name"), System.getProperty("os.arch"));
        String home = System.getenv().getOrDefault("HOME", System.getProperty("user.home"));
        Path dir = cacheDirectory(System.getenv(), home).resolve(platform.replace('/', '-'));
        try {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tinyb = extract(platform + "/libtinyb.so", dir.resolve("libtinyb.so"));
            Path javatinyb = extract(platform + "/libjavatinyb.so", dir.resolve("libjavatinyb.so"));
            Path soname = dir.resolve(TINYB_SONAME);
            if (!Files.isSymbolicLink(soname)) {
                Files.deleteIfExists(soname);
                Files.createSymbolicLink(soname, tinyb.getFileName());
            }
            System.load(soname.toAbsolutePath().toString());
            System.load(javatinyb.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new BleException(
                    "cannot unpack TinyB's native libraries to " + dir + " (" + e.getMessage()
                            + "); check that the directory is writable",
                    e);
        } catch (UnsatisfiedLinkError e) {
            throw new BleException(
                    "cannot load TinyB's native libraries (" + e.getMessage() + "); they need GLib: "
                            + "apt-get install libglib2.0-0",
                    e);
        }
        initializeQuietly();
        loaded = true;
    }

    /**
     * TinyB's BluetoothManager and BluetoothObject call System.loadLibrary in their static initializers and print "Native
     * code library failed to load" when the libraries are not on the library path, though they are
     * already loaded (above) and work. Keep that misleading line away from users.
     */
    private static void initializeQuietly() throws BleException {
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            Class.forName("tinyb.BluetoothObject", true, TinybNatives.class.getClassLoader());
            Class.forName("tinyb.BluetoothManager", true, TinybNatives.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new BleException("TinyB's classes are missing from the class path", e);
        } finally {
            System.setErr(err);
        }
    }

    private static Path extract(String resource, Path target) throws IOException {
        try (InputStream in = TinybNatives.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the TinyB artifact has no " + resource);
            }
            byte[] bytes = in.readAllBytes();
            if (!Files.exists(target)
                    || Files.size(target) != bytes.length
                    || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                Path temporary = Files.createTempFile(
                        target.getParent(), target.getFileName().toString(), ".part");
                Files.write(temporary, bytes);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        }
    }
}
