/* pdf.h - a laid-out document into a PDF file, whole or not at all.
 *
 * The only module that calls cairo_pdf_*.  Pages stream into a temporary
 * file beside the target (outfile.h), which is renamed into place only when
 * the document is finished and every write, the sync and the close were
 * checked; any failure removes it, and a previous file of the same name is
 * left exactly as it was.
 *
 * Threads: one FontSet per thread (layout.h); files are staged through
 * outfile.h, whose registry is locked.
 */
#ifndef PHAEN_PDF_H
#define PHAEN_PDF_H

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "layout.h"
#include "outfile.h"
#include "template.h"

/* Lays out doc and writes it to path (metadata from doc: title, author,
 * subject, keywords, creator, create_date).  Returns 0, or -1 after
 * reporting to d.  stats may be NULL. */
int pdf_write(const char *path, const Doc *doc, const Template *t, FontSet *fs,
              Diag *d, LayoutStats *stats);

/* The same, but leaves the finished, checked temporary in *staged for the
 * caller to rename with outfile_commit_all() (or discard), so that a run of
 * several documents replaces all of them or none.  Returns 0, or -1: with
 * io->err set when a file operation failed (not reported: the caller says
 * it once per cause, pdf_report_io()), else after reporting to d. */
int pdf_write_staged(const char *path, const Doc *doc, const Template *t, FontSet *fs,
                     Diag *d, LayoutStats *stats, OutFile **staged, OutError *io);

/* Reports an I/O failure: "phaen: error: PATH: No space left on device
 * (cannot write)". */
void pdf_report_io(Diag *d, const char *path, const OutError *io);

#endif
