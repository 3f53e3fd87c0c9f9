package io.needleguard.mqtt.bridge;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The long run of {@link MqttCommandFuzzTest}: 20,000 log commands and 10,000 area commands. Runs with
 * {@code ./mvnw -B verify -Preliability}, not in every build.
 */
class MqttCommandFuzzLongRun {

    private static final io.needleguard.testing.CpuBudget budget = new io.needleguard.testing.CpuBudget();
    private static MqttCommandFuzzTest.Gateway gateway;
    private static int sent;

    @BeforeContainer
    static void start() {
        gateway = new MqttCommandFuzzTest.Gateway(budget);
    }

    /**
     * A fresh gateway every 1,000 commands: the sessions the valid ones log pile up in one person's month, and
     * each further one is judged against them all (a flood of real sessions is the broker's access rules'
     * to stop, src/docs/security.md); what is measured here is one command, not a history of thousands.
     */
    private static void send(String topic, String payload, boolean retained) {
        if (++sent % 1_000 == 0) {
            gateway.close();
            gateway = new MqttCommandFuzzTest.Gateway(budget);
        }
        gateway.send(topic, payload, retained && payload.hashCode() % 8 == 0);
    }

    @AfterContainer
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        System.out.println("MQTT commands (long run): " + budget.summary());
        budget.close();
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyLogCommand(
            @ForAll("logTopics") String topic, @ForAll("logPayloads") String payload, @ForAll boolean retained) {
        send(topic, payload, retained);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyAreaCommand(
            @ForAll("areaTopics") String topic, @ForAll("areaPayloads") String payload, @ForAll boolean retained) {
        send(topic, payload, retained);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> logTopics() {
        return MqttCommandFuzzTest.logTopics();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> logPayloads() {
        return MqttCommandFuzzTest.logPayloads();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> areaTopics() {
        return MqttCommandFuzzTest.areaTopics();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> areaPayloads() {
        return MqttCommandFuzzTest.areaPayloads();
    }
}
