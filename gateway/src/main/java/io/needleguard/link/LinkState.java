package io.needleguard.link;

/** Where a pen's connection stands. */
public enum LinkState {
    DISCONNECTED,
    CONNECTING,
    /** Connected; reading identity and battery, setting the pen's clock. */
    RESOLVING,
    /** Subscribed to the pen's notifications: live sessions arrive as they end. */
    SUBSCRIBED,
    /** Fetching the sessions the pen kept while out of range. */
    SYNCING
}
