/**
 * What the two BlueZ adapters ({@code ble.tinyb} and {@code ble.dbus}) share, with no library of its
 * own: their options, the life of a connection, and the rules a backend follows whatever library it
 * speaks through (scanning once a second, dropping links when BlueZ goes, giving up after a while, how a
 * connection is made). Each adapter supplies only the calls its library makes.
 */
package io.needleguard.ble.bluez;
