package io.needleguard.dashboard;

import io.needleguard.person.ClinicianReport;

/**
 * Makes the PDF of a clinician's report for {@code GET /api/owners/{id}/report.pdf}. The command line
 * passes the report adapter's in, so the dashboard knows no PDF library.
 */
@FunctionalInterface
public interface ReportPrinter {

    byte[] pdf(ClinicianReport report);

    /** Where no printer was given: the report is not offered. */
    ReportPrinter NONE = report -> {
        throw new ApiException(501, "this dashboard does not make reports; use needleguard report");
    };
}
