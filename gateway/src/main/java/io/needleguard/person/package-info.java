/**
 * What needleguard holds about one person, gathered from the history for them: everything, for an
 * export ({@link io.needleguard.person.PersonRecord}), and what a clinician reads, for the report
 * ({@link io.needleguard.person.ClinicianReport}). What goes in each is decided here; how it is
 * written (JSON, a PDF) is an adapter's.
 */
package io.needleguard.person;
