package io.needleguard.dashboard;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The gateway's MQTT connection as the dashboard's Pens view shows it, read at each request. The
 * wiring passes the MQTT bridge's answers in, so the dashboard knows nothing of MQTT.
 */
public interface MqttState {

    /** Whether the gateway publishes at all. */
    boolean enabled();

    /** The broker's URL, for the view; empty when not publishing. */
    String broker();

    /** Whether the broker has accepted the connection (and not lost it since). */
    boolean connected();

    /** Messages waiting in the outbox for the broker. */
    int outbox();

    /** MQTT switched off. */
    MqttState OFF = new MqttState() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String broker() {
            return "";
        }

        @Override
        public boolean connected() {
            return false;
        }

        @Override
        public int outbox() {
            return 0;
        }
    };

    static MqttState of(String broker, BooleanSupplier connected, IntSupplier outbox) {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(connected, "connected");
        Objects.requireNonNull(outbox, "outbox");
        return new MqttState() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String broker() {
                return broker;
            }

            @Override
            public boolean connected() {
                return connected.getAsBoolean();
            }

            @Override
            public int outbox() {
                return outbox.getAsInt();
            }
        };
    }
}
