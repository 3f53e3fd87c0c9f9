/**
 * Automatic backups of the history: when one is due (on the gateway's clock), how many are kept, and
 * what the household is told when one fails. The copy itself is the store's ({@link
 * io.needleguard.backup.Backups} is the port); this package knows no file format.
 */
package io.needleguard.backup;
