package io.needleguard.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A password other users can read is a password they have: it is used, and said once per file. */
final class PasswordFilePermissions {

    private static final Logger log = LoggerFactory.getLogger(PasswordSource.class);
    /** Files already warned about in this process: once is enough, not once per connection attempt. */
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private PasswordFilePermissions() {}

    static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if ((permissions.contains(PosixFilePermission.GROUP_READ)
                            || permissions.contains(PosixFilePermission.OTHERS_READ))
                    && WARNED.add(file.toAbsolutePath())) {
                log.warn(
                        "the MQTT password file {} can be read by other users ({}); make it yours only: chmod 600 {}",
                        file,
                        PosixFilePermissions.toString(permissions),
                        file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Reading the file says what is wrong, if anything; permissions that cannot be read are no news.
        }
    }
}
