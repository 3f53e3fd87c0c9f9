package io.needleguard.sim.bluez;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A test that runs once with each of the gateway's real Bluetooth backends against the simulated
 * BlueZ: TinyB and the D-Bus backend. The test method takes the backend's id ({@code ble.backend}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ParameterizedTest(name = "ble.backend: {0}")
@ValueSource(strings = {"tinyb", "dbus"})
public @interface OnEachBluezBackend {}
