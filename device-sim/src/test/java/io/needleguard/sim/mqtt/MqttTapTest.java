package io.needleguard.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's counting subscriber against a broker that drops a connection at its first SUBSCRIBE, as
 * the embedded Moquette sometimes does when the SUBSCRIBE follows the CONNACK at once: the tap connects
 * again instead of leaving the demo's summary without what arrived.
 */
class MqttTapTest {

    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** A minimal MQTT 3.1.1 broker: accepts every CONNECT, drops the first {@code drops} connections at SUBSCRIBE. */
    private String broker(int drops) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try (Socket socket = server.accept()) {
                            serve(socket, connections.incrementAndGet() <= drops);
                        } catch (IOException e) {
                            // the client went, or the test ended
                        }
                    }
                },
                "fake-broker");
        thread.setDaemon(true);
        thread.start();
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private static void serve(Socket socket, boolean dropAtSubscribe) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
            int type = in.readUnsignedByte() >> 4;
            byte[] body = in.readNBytes(remainingLength(in));
            switch (type) {
                case 1 -> out.write(new byte[] {0x20, 0x02, 0x00, 0x00}); // CONNECT: accepted
                case 8 -> { // SUBSCRIBE: granted at QoS 1, or the connection dropped
                    if (dropAtSubscribe) {
                        return;
                    }
                    out.write(new byte[] {(byte) 0x90, 0x03, body[0], body[1], 0x01});
                }
                case 12 -> out.write(new byte[] {(byte) 0xd0, 0x00}); // PINGREQ
                case 14 -> {
                    return; // DISCONNECT
                }
                default -> {}
            }
            out.flush();
        }
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length |= (digit & 0x7f) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        return length;
    }

    @Test
    void aConnectionDroppedAtTheFirstSubscribeIsMadeAgain() throws Exception {
        String url = broker(1);
        try (MqttTap tap = new MqttTap(url, "needleguard/#")) {
            assertEquals(2, connections.get(), "dropped once, then subscribed on a second connection");
        }
    }

    @Test
    void aBrokerThatAlwaysDropsItIsReportedAfterAFewAttempts() throws Exception {
        String url = broker(Integer.MAX_VALUE);
        IOException e = assertThrows(IOException.class, () -> new MqttTap(url, "needleguard/#"));
        assertEquals(MqttException.REASON_CODE_CONNECTION_LOST, ((MqttException) e.getCause()).getReasonCode());
        assertEquals(MqttTap.ATTEMPTS, connections.get());
    }
}
