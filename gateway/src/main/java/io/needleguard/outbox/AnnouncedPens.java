package io.needleguard.outbox;

import java.util.Set;

/**
 * The pens this gateway has announced to Home Assistant, kept so that their discovery configs can be
 * withdrawn when a pen leaves (is forgotten, or removed from the configuration), even after a restart.
 */
public interface AnnouncedPens {

    Set<String> announced();

    void markAnnounced(String pen);

    void markWithdrawn(String pen);
}
