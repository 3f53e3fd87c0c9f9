package tinyb;

/**
 * TinyB's {@link BluetoothException} has no public constructor (only its natives make one); tests of
 * our adapter make the errors TinyB throws through this, in TinyB's package.
 */
public final class TinybErrors {

    private TinybErrors() {}

    public static BluetoothException bluez(String message) {
        return new BluetoothException(message);
    }
}
