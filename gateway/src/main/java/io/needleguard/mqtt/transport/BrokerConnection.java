package io.needleguard.mqtt.transport;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.retry.Backoff;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Getting connected to the broker and staying connected: the options (protocol version, login, TLS, the
 * Last Will that says offline), and after a failure or a lost connection another attempt after a backoff,
 * forever, saying what is wrong once per change, not once per retry. Confined to the publisher's thread.
 */
final class BrokerConnection {

    private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);

    /** What the transport does when the connection comes and goes; on the publisher's thread. */
    interface Events {
        void up();

        void down();
    }

    private final MqttSettings settings;
    private final IMqttAsyncClient client;
    private final ScheduledExecutorService worker;
    private final Backoff backoff;
    private final OutboundMessage will;
    private final IntSupplier waiting;
    private final BooleanSupplier closed;
    private final Events events;

    private volatile boolean connected;
    // An attempt scheduled or under way. Paho can report one outage more than once (the connection lost,
    // then the attempt under way failing): without this each report started its own chain of attempts,
    // which then failed with "Connect already in progress" and started more.
    private boolean attempting;
    private int failures;
    private String lastProblem;

    /**
     * @param will    the retained message the broker publishes when the connection dies (offline)
     * @param waiting how many messages wait in the outbox, for the log
     * @param closed  whether the transport is closed: then no attempt follows
     * @param events  told when the connection comes and goes
     */
    BrokerConnection(
            MqttSettings settings,
            IMqttAsyncClient client,
            ScheduledExecutorService worker,
            Backoff backoff,
            OutboundMessage will,
            IntSupplier waiting,
            BooleanSupplier closed,
            Events events) {
        this.settings = settings;
        this.client = client;
        this.worker = worker;
        this.backoff = backoff;
        this.will = will;
        this.waiting = waiting;
        this.closed = closed;
        this.events = events;
    }

    /** Whether the broker has accepted the connection (and not lost it since); read from any thread. */
    boolean isConnected() {
        return connected;
    }

    /** Tries to connect; the outcome arrives on the worker. */
    void connect() {
        if (closed.getAsBoolean()) {
            return;
        }
        attempting = true;
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    worker.execute(BrokerConnection.this::connected);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable problem) {
                    worker.execute(() -> attemptFailed(problem));
                }
            });
        } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
            attemptFailed(e);
        }
    }

    private void attemptFailed(Throwable problem) {
        attempting = false;
        lost(problem);
    }

    private MqttConnectOptions options() throws IOException, GeneralSecurityException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(
                "3.1".equals(settings.version())
                        ? MqttConnectOptions.MQTT_VERSION_3_1
                        : MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(MqttTransport.MAX_IN_FLIGHT * 5);
        // A crashed gateway shows as offline: the broker publishes this when the connection dies.
        options.setWill(will.topic(), will.payload(), will.qos(), true);
        if (settings.username().isPresent()) {
            options.setUserName(settings.username().get());
            settings.password().read().ifPresent(options::setPassword);
        }
        if (settings.url().startsWith("ssl://")) {
            options.setSocketFactory(TlsContext.socketFactory(settings.tls()));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }

    private void connected() {
        attempting = false;
        connected = true;
        failures = 0;
        boolean recovered = lastProblem != null;
        lastProblem = null;
        log.info(
                "{} MQTT broker {} as {}; {} message(s) waiting",
                recovered ? "connected again to" : "connected to",
                settings.url(),
                settings.clientId(),
                waiting.getAsInt());
        events.up();
    }

    /** The connection failed or was lost (on the worker): said if it is news, and tried again after the backoff. */
    void lost(Throwable problem) {
        connected = false;
        events.down();
        if (closed.getAsBoolean()) {
            return;
        }
        String description = BrokerProblems.describe(problem, settings);
        if (!description.equals(lastProblem)) {
            int outbox = waiting.getAsInt();
            log.warn(description + (outbox == 0 ? "" : " (" + outbox + " message(s) wait in the outbox)"));
            log.debug("MQTT problem", problem);
            lastProblem = description;
        }
        if (attempting) {
            return; // the attempt already scheduled or under way is the retry
        }
        attempting = true;
        failures++;
        Duration delay = backoff.delayAfter(failures);
        worker.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
