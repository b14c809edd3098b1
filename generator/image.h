/* image.h - the pictures a template names (the cover's emblem).
 *
 * A template keeps the PNG file's bytes, checked when the template is read
 * (so a missing or damaged file is reported at the template's line, before
 * any document is begun); the layout gets a surface of its own for each
 * document it paints, so no cairo object is shared between threads.  The
 * pixels are decoded once per process and every such surface reads them in
 * place (image.c says why they are kept to the end).  cairo 1.16 embeds an
 * image in a PDF by compressing its pixels with zlib: the same PNG gives
 * the same bytes in every run.
 *
 * Threads: both functions may be called from several threads at once.
 */
#ifndef PHAEN_IMAGE_H
#define PHAEN_IMAGE_H

#include <stddef.h>

#include <cairo.h>

/* The most pixels an image may have on each side, and the largest file. */
enum { IMAGE_MAX_PX = 8000, IMAGE_MAX_BYTES = 8 * 1024 * 1024 };

/* Whether data (len bytes) is a PNG image cairo can decode; on success
 * sets *w and *h (pixels) and returns 0, otherwise returns -1 with *why
 * saying what is wrong ("not a PNG file", cairo's reason). */
int image_png_check(const unsigned char *data, size_t len, int *w, int *h, const char **why);

/* A surface of the decoded image for one document, a new one at each call;
 * image.c owns it and keeps it until the process ends (the caller does
 * not destroy it).  An error surface when data is not a PNG
 * (image_png_check() first). */
cairo_surface_t *image_png_surface(const unsigned char *data, size_t len);

#endif
