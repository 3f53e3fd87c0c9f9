package io.needleguard.outbox;

class MemoryAnnouncedDevicesTest extends AnnouncedDevicesContract {

    private MemoryAnnouncedDevices announced;

    @Override
    protected AnnouncedDevices create() {
        announced = new MemoryAnnouncedDevices();
        return announced;
    }

    @Override
    protected void announcedTheOldWay(String serial) {
        announced.announcedTheOldWay(serial);
    }
}
