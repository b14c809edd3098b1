/* emblem.c - tool: draws the neutral emblem phaen ships for the cover,
 * templates/emblem.png (`make emblem`).
 *
 * The official cover of a Thai government plan carries the Garuda (ตราครุฑ)
 * or the agency's own seal; neither may be redistributed with this code, so
 * the template names a neutral seal made for the project: a double ring of
 * beads around a lotus under a rising sun, in one dark ink, as seals are
 * printed.  Only cairo paths, no fonts: the same bytes on any machine.
 * README.md ("The cover's emblem") says how to put the real file in its place.
 * Usage: emblem OUTPUT.png [SIZE_PX]
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* One petal: a pointed arch from the base (0, 0) to the tip (0, -h), w wide,
 * turned by `angle` radians about the base. */
static void petal(cairo_t *cr, double w, double h, double angle)
{
    cairo_save(cr);
    cairo_rotate(cr, angle);
    cairo_move_to(cr, 0, 0);
    cairo_curve_to(cr, -w, -h * 0.25, -w * 0.55, -h * 0.8, 0, -h);
    cairo_curve_to(cr, w * 0.55, -h * 0.8, w, -h * 0.25, 0, 0);
    cairo_close_path(cr);
    cairo_restore(cr);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: emblem OUTPUT.png [SIZE_PX]\n");
        return 2;
    }
    int px = argc == 3 ? atoi(argv[2]) : 600;
    if (px < 64 || px > 4096) {
        fprintf(stderr, "emblem: size %d out of range (64-4096)\n", px);
        return 2;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px);
    cairo_t *cr = cairo_create(s);
    /* draw in a 200-unit square, centred */
    cairo_scale(cr, px / 200.0, px / 200.0);
    cairo_translate(cr, 100, 100);
    cairo_set_source_rgb(cr, 0.12, 0.16, 0.33); /* deep navy ink */

    /* the rings: a heavy outer ring, a thin inner one, beads between */
    cairo_set_line_width(cr, 5);
    cairo_arc(cr, 0, 0, 95, 0, 2 * M_PI);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.6);
    cairo_arc(cr, 0, 0, 78, 0, 2 * M_PI);
    cairo_stroke(cr);
    for (int i = 0; i < 48; i++) {
        double a = i * 2 * M_PI / 48;
        cairo_arc(cr, 86.5 * cos(a), 86.5 * sin(a), i % 4 == 0 ? 3.0 : 1.8, 0, 2 * M_PI);
        cairo_fill(cr);
    }

    /* the sun: a half disc with rays, behind the lotus */
    cairo_save(cr);
    cairo_translate(cr, 0, 14);
    for (int i = 0; i <= 12; i++) {
        double a = M_PI + i * M_PI / 12;
        double r0 = 38, r1 = i % 2 ? 56 : 64;
        cairo_move_to(cr, r0 * cos(a - 0.05), r0 * sin(a - 0.05));
        cairo_line_to(cr, r1 * cos(a), r1 * sin(a));
        cairo_line_to(cr, r0 * cos(a + 0.05), r0 * sin(a + 0.05));
        cairo_close_path(cr);
    }
    cairo_fill(cr);
    cairo_set_line_width(cr, 2.2);
    cairo_arc(cr, 0, 0, 33, M_PI, 2 * M_PI);
    cairo_stroke(cr);
    cairo_restore(cr);

    /* the lotus: five petals from one base, cut out of the sun with a thin
     * white edge so that the petals read apart */
    cairo_save(cr);
    cairo_translate(cr, 0, 40);
    static const struct { double w, h, a; } petals[] = {
        {22, 60, -1.05}, {22, 60, 1.05}, {24, 66, -0.52}, {24, 66, 0.52}, {26, 74, 0},
    };
    for (size_t i = 0; i < sizeof petals / sizeof petals[0]; i++) {
        petal(cr, petals[i].w, petals[i].h, petals[i].a);
        cairo_save(cr);
        cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
        cairo_set_line_width(cr, 3.2);
        cairo_stroke_preserve(cr);
        cairo_restore(cr);
        cairo_fill(cr);
    }
    /* the stand: three steps under the flower */
    for (int i = 0; i < 3; i++) {
        double w = 24 + i * 14, y = 4 + i * 7;
        cairo_rectangle(cr, -w / 2, y, w, 4.5);
    }
    cairo_fill(cr);
    cairo_restore(cr);

    cairo_destroy(cr);
    cairo_status_t st = cairo_surface_write_to_png(s, argv[1]);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "emblem: %s: %s\n", argv[1], cairo_status_to_string(st));
        return 1;
    }
    return 0;
}
