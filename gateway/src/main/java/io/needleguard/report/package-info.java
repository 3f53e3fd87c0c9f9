/**
 * The clinician's report as a PDF, drawn with Apache PDFBox (the only package that uses it): text in
 * the PDF's standard fonts, charts drawn as vector paths for print, in shades of grey only, with
 * markers whose shape says the severity, so that a black-and-white print loses nothing. What goes in
 * the report is {@link io.needleguard.person.ClinicianReport}'s.
 */
package io.needleguard.report;
