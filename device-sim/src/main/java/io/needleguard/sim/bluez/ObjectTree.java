package io.needleguard.sim.bluez;

/** The simulated BlueZ as its objects see it: where they appear and vanish (with the ObjectManager's signals). */
interface ObjectTree extends Signals {

    void add(BluezObject object);

    void remove(BluezObject object);

    boolean adapterPowered();
}
