/* outpath.h - ids that become file names.
 *
 * An agency id names its sheet: DIR/sheets/<id>.pdf.  The schema already
 * forbids most characters in ids, but the file name is checked here again,
 * in C, right before it is used, so that no id can write outside DIR
 * whatever the schema says tomorrow.
 *
 * Threads: pure functions; safe from several threads.
 */
#ifndef PHAEN_OUTPATH_H
#define PHAEN_OUTPATH_H

/* Whether `name` is safe as one file-name component: not NULL, not empty,
 * at most 200 bytes, only ASCII letters, digits, '.', '_' and '-', and not
 * starting with '.' (so neither "." nor ".." nor a hidden file).  '/' can
 * never pass.  Returns 1 when safe, 0 otherwise. */
int outpath_name_ok(const char *name);

/* The names render gives its own files in DIR/sheets: an agency id equal
 * to one of them, ignoring case (case-insensitive disks), cannot name a
 * sheet.  Returns 1 for such an id ("all-sheets"). */
int outpath_reserved(const char *id);

#endif
