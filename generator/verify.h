/* verify.h - what a PDF was made from.
 *
 * phaen writes its provenance into every PDF's Keywords: the plan's version,
 * status and date, the SHA-256 of the source XML, the template and the phaen
 * version (compose.c, cx_metadata).  `phaen verify` renders the plan afresh
 * and compares bytes; when they differ, the recorded hash tells whether the
 * PDF came from this plan's source at all.  A PDF without this source's
 * hash is none of its renders, and is told without rendering (a verify of a
 * foreign PDF against tests/data/minimal.xml: 0.28 -> 0.08 s CPU).  A PDF
 * with the bytes of a render has that document's title: only the documents
 * of the title it has are rendered again (all of them when it names none).
 *
 * Threads: renders with its own fonts; call from one thread at a time.
 */
#ifndef PHAEN_VERIFY_H
#define PHAEN_VERIFY_H

#include <stdio.h>

#include "diag.h"

typedef enum {
    VERIFY_EXACT,        /* byte for byte one of the fresh renders */
    VERIFY_SAME_SOURCE,  /* made from this source, but not what it renders to now */
    VERIFY_OTHER_SOURCE, /* made by phaen from another source */
    VERIFY_UNKNOWN,      /* no phaen provenance in it */
    VERIFY_IO_ERROR,     /* the PDF cannot be read */
} VerifyResult;

/* Whether `pdf` can be verified at all: a regular file of at most 512 MiB.
 * Returns 0, or -1 after reporting to d (before any rendering is done). */
int verify_check_input(const char *pdf, Diag *d);

/* 0 when the PDF at `pdf` cannot be any document rendered from the plan
 * whose source hash is `sha256_hex`: every such document holds
 * "source-sha256=<that hash>" in its provenance, and it does not.  1
 * otherwise, and when it cannot be read (verify_pdf() reports that).  When
 * it holds the hash, *title is the Title beside it in the PDF's metadata,
 * as cairo writes it (malloc'd, the caller frees it; g_free), else NULL. */
int verify_may_match(const char *pdf, const char *sha256_hex, char **title);

/* Compares the PDF at `pdf` with every file named in `fresh` (n paths of
 * documents just rendered from the plan whose source hash is `sha256_hex`),
 * and reads its recorded provenance.  Prints one line of verdict to out,
 * as plain text (control bytes from the PDF or its name escaped as \xNN),
 * naming the matching document or what the PDF says it was made from.  A
 * PDF that cannot be read is reported to d (VERIFY_IO_ERROR). */
VerifyResult verify_pdf(const char *pdf, const char *const *fresh, size_t n,
                        const char *sha256_hex, FILE *out, Diag *d);

#endif
