/* textlayer.c - see textlayer.h and TEXT-LAYER.md.
 *
 * A line is painted run by run (one font per run).  A run is cut into units:
 * a grapheme (a base with its marks and SARA AM) widened, where a glyph
 * covers several characters (a ligature), to whole shaper clusters.  In a
 * unit every glyph is matched to the characters it draws: first the
 * character the font's cmap maps to exactly this glyph, else what the glyph
 * itself says it is (the reverse cmap, its name "uni0E49.low", the Thai
 * private-use variants U+F700..U+F71A).  Matched glyphs are handed to cairo
 * one cluster each, in the order of their characters (the shaper may put a
 * lowered tone mark before the vowel under the letter; the order glyphs are
 * drawn in does not change the picture).  A unit that cannot be matched is
 * handed over whole, as the shaper made it, and cairo falls back to an
 * ActualText span for it.  What a font's glyphs stand for (the cmap, glyph
 * names, private-use variants, ำ, set-back marks) is glyphtext.c's.
 */
#include "textlayer.h"

#include <cairo-ft.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "glyphtext.h"
#include "justify.h"
#include "xalloc.h"

/* A character that may stay without a glyph: format and control
 * characters (word joiner, soft hyphen, new line). */
static int ignorable(uint32_t c)
{
    GUnicodeType t = g_unichar_type(c);
    return t == G_UNICODE_FORMAT || t == G_UNICODE_CONTROL || t == G_UNICODE_LINE_SEPARATOR ||
           t == G_UNICODE_PARAGRAPH_SEPARATOR;
}

/* --- one run ------------------------------------------------------------- */

typedef struct Slot {
    uint32_t c;
    int am;       /* part of a SARA AM: 1 its nikhahit, 2 its sara aa */
    int used;     /* index of the glyph matched to it + 1 */
} Slot;

typedef struct Placed {
    unsigned glyph;
    double x, y;
    int slot, n_slots;  /* matched characters; slot -1 for a fallback unit */
} Placed;

/* Text being built, NUL-terminated (the test hook hands it out as such). */
typedef struct Buf {
    char *str;
    size_t len, cap;
} Buf;

static void buf_room(Buf *b, size_t more)
{
    if (b->len + more + 1 > b->cap) {
        b->cap = b->len + more + 1 > 2 * b->cap ? b->len + more + 1 : 2 * b->cap;
        if (b->cap < 256)
            b->cap = 256;
        b->str = xrealloc(b->str, b->cap);
    }
}

static inline void buf_unichar(Buf *b, uint32_t c)
{
    buf_room(b, 4);
    char *d = b->str + b->len;
    if (c < 0x80) {
        d[0] = (char)c;
        b->len += 1;
    } else if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        b->len += 2;
    } else if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        b->len += 3;
    } else {
        d[0] = (char)(0xF0 | (c >> 18));
        d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[3] = (char)(0x80 | (c & 0x3F));
        b->len += 4;
    }
    b->str[b->len] = '\0';
}

static void buf_append(Buf *b, const char *s, size_t n)
{
    buf_room(b, n);
    if (n > 0)
        memcpy(b->str + b->len, s, n);
    b->len += n;
    b->str[b->len] = '\0';
}

/* Keeps the first n bytes (n <= len); the text is never NULL after. */
static void buf_truncate(Buf *b, size_t n)
{
    b->len = n;
    buf_room(b, 0);
    b->str[n] = '\0';
}

/* The code point at p and, in *next, the byte after it: pango's text is
 * valid UTF-8 (g_utf8_get_char, without a call per character). */
static inline uint32_t utf8_at(const char *p, const char **next)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] < 0x80) {
        *next = p + 1;
        return u[0];
    }
    if (u[0] < 0xE0) {
        *next = p + 2;
        return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if (u[0] < 0xF0) {
        *next = p + 3;
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    *next = p + 4;
    return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
           ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

typedef struct Out {
    cairo_glyph_t *glyphs;
    cairo_text_cluster_t *clusters;
    Buf text;
    int n_glyphs, n_clusters, cap_glyphs, cap_clusters;
    int fallbacks;
    int alone;            /* glyphs handed over alone (first met) */
    /* The glyphs at the end not yet in a cluster: they go to cairo as one
     * cluster, which gets an ActualText span (see span_flush). */
    size_t span_text;
    int span_glyphs;
    PangoFont *font;
    GHashTable *known;    /* glyph -> the text cairo maps it to, in this document
                           * and font face; NULL: none kept (tests) */
    TextlayerFn fn;
    void *ctx;
    double expand;        /* the line's glyphs are drawn this much wider */
} Out;

static inline void out_glyph(Out *o, unsigned glyph, double x, double y)
{
    if (o->n_glyphs == o->cap_glyphs) {
        o->cap_glyphs = o->cap_glyphs ? 2 * o->cap_glyphs : 64;
        o->glyphs = xrealloc(o->glyphs, (size_t)o->cap_glyphs * sizeof *o->glyphs);
    }
    o->glyphs[o->n_glyphs++] = (cairo_glyph_t){.index = glyph, .x = x, .y = y};
}

static inline void out_cluster(Out *o, int bytes, int glyphs)
{
    if (o->n_clusters == o->cap_clusters) {
        o->cap_clusters = o->cap_clusters ? 2 * o->cap_clusters : 64;
        o->clusters = xrealloc(o->clusters, (size_t)o->cap_clusters * sizeof *o->clusters);
    }
    o->clusters[o->n_clusters++] = (cairo_text_cluster_t){.num_bytes = bytes,
                                                          .num_glyphs = glyphs};
}

/* Notes, for a glyph handed to cairo for the first time in this document
 * and face, what cairo's glyph map now says for it.  cairo keeps one map per
 * face and document, for the face's Latin and CID subsets alike
 * (cairo-scaled-font-subsets.c, _cairo_sub_font_map_glyph), as
 * known_glyphs() does.  A glyph that went alone is mapped to the cluster's
 * text (a Latin ligature with a cmap entry of its own, ﬃ, to that entry,
 * which every reader reads as its letters); one first met among others in
 * a cluster is mapped by the font's reverse cmap, which is not modelled
 * here: "", never taken as known, so it goes alone again where it
 * matters. */
static void note_known(Out *o, unsigned glyph, const char *text, int alone)
{
    if (o->known && !g_hash_table_contains(o->known, GUINT_TO_POINTER(glyph)))
        g_hash_table_insert(o->known, GUINT_TO_POINTER(glyph), g_strdup(alone ? text : ""));
}

/* Ends the pending span: its glyphs as one cluster of its text.  poppler
 * (reading order) takes marks stacked at one origin for doubled glyphs and
 * breaks the word there, and reads a mark set back over its letter as the
 * end of the word: in an ActualText span it places the span's characters
 * evenly over the span instead.  MuPDF and pdf.js ignore the span and read
 * the per-glyph map, which is right because every glyph in a span is one
 * cairo already maps right. */
static void span_flush(Out *o)
{
    if (o->span_glyphs > 0)
        out_cluster(o, (int)(o->text.len - o->span_text), o->span_glyphs);
    o->span_glyphs = 0;
    o->span_text = o->text.len;
}

static void append_chars(Buf *s, const Slot *slots, int from, int n)
{
    for (int i = from; i < from + n; i++)
        if (slots[i].am == 2)
            buf_unichar(s, SARA_AM);
        else if (!slots[i].am)
            buf_unichar(s, slots[i].c);
}

/* What append_chars appends, into buf (GLYPHTEXT_MAX * 6 + 1 bytes).  Returns
 * 0 when it would not fit (the caller then treats the text as unknown). */
static int chars_utf8(const Slot *slots, int from, int n, char *buf)
{
    int len = 0;
    for (int i = from; i < from + n; i++) {
        if (slots[i].am == 1)
            continue;
        if (len + 6 > GLYPHTEXT_MAX * 6)
            return 0;
        len += g_unichar_to_utf8(slots[i].am == 2 ? SARA_AM : slots[i].c, buf + len);
    }
    buf[len] = '\0';
    return 1;
}

/* Hands the glyphs [g0, g1) of run (pen positions in x[]) to o, as one
 * unit over the text bytes [s, e). */
static void do_unit(Out *o, FontInfo *fi, FT_Face face, const char *text, int s, int e,
                    PangoGlyphString *gs, int g0, int g1, const double *px, double y)
{
    Slot slots[64];
    Placed placed[64];
    int n_slots = 0, n_placed = 0, ok = 1;
    for (const char *p = text + s, *next; p < text + e; p = next) {
        uint32_t c = utf8_at(p, &next);
        if (n_slots + 2 > (int)G_N_ELEMENTS(slots)) {
            ok = 0;
            break;
        }
        /* no space separator but ' ' below U+0080 nor among the Thai letters */
        if (c >= 0x80 && (c < 0x0E00 || c > 0x0E7F) &&
            g_unichar_type(c) == G_UNICODE_SPACE_SEPARATOR &&
            glyphtext_char(fi, face, c) == 0)
            c = ' '; /* an en space the font lacks: pango sets empty glyph */
        if (c == SARA_AM) {
            slots[n_slots++] = (Slot){.c = NIKHAHIT, .am = 1};
            slots[n_slots++] = (Slot){.c = SARA_AA, .am = 2};
        } else {
            slots[n_slots++] = (Slot){.c = c};
        }
    }
    /* whether a mark of the unit is painted as its variant: then the others
     * move with it (glyphtext_set_back) */
    int stack_moved = 0;
    for (int g = g0; g < g1 && !stack_moved; g++) {
        const PangoGlyphInfo *gi = &gs->glyphs[g];
        double tx = 0;
        stack_moved = gi->geometry.x_offset < 0 && gi->glyph != PANGO_GLYPH_EMPTY &&
                      !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) &&
                      glyphtext_set_back(face, gi->glyph, &tx,
                                         -gi->geometry.x_offset / (double)PANGO_SCALE, o->expand,
                                         0) != gi->glyph;
    }
    for (int g = g0; ok && g < g1; g++) {
        PangoGlyphInfo *gi = &gs->glyphs[g];
        unsigned glyph = gi->glyph;
        if (glyph == PANGO_GLYPH_EMPTY) {
            /* A space the font has no glyph for (U+2002) is set as an empty
             * glyph with a width: readers get a real space glyph there. */
            if (n_slots == 1 && slots[0].c == ' ' && glyphtext_char(fi, face, ' '))
                glyph = glyphtext_char(fi, face, ' ');
            else
                continue;
        }
        if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) || n_placed == (int)G_N_ELEMENTS(placed)) {
            ok = 0;
            break;
        }
        Placed *pl = &placed[n_placed];
        pl->glyph = glyph;
        pl->x = px[g] + gi->geometry.x_offset / (double)PANGO_SCALE;
        pl->y = y + gi->geometry.y_offset / (double)PANGO_SCALE;
        if (gi->geometry.x_offset < 0)
            pl->glyph = glyph = glyphtext_set_back(face, glyph, &pl->x,
                                                   -gi->geometry.x_offset / (double)PANGO_SCALE,
                                                   o->expand, stack_moved);
        pl->slot = -1;
        pl->n_slots = 1;
        /* the character whose own glyph this is */
        for (int k = 0; k < n_slots && pl->slot < 0; k++)
            if (!slots[k].used && glyphtext_char(fi, face, slots[k].c) == glyph)
                pl->slot = k;
        if (pl->slot < 0) { /* a variant, a ligature: what it says it is */
            uint32_t t[GLYPHTEXT_MAX] = {0};
            int n = glyphtext_of(fi, face, glyph, t);
            for (int k = 0; n > 0 && k + n <= n_slots && pl->slot < 0; k++) {
                int match = 1;
                for (int i = 0; i < n && match; i++)
                    match = !slots[k + i].used && slots[k + i].c == t[i];
                if (match) {
                    pl->slot = k;
                    pl->n_slots = n;
                }
            }
        }
        if (pl->slot < 0) {
            ok = 0;
            break;
        }
        for (int i = 0; i < pl->n_slots; i++)
            slots[pl->slot + i].used = n_placed + 1;
        n_placed++;
    }
    for (int k = 0; ok && k < n_slots; k++) {
        if (!slots[k].used && !(ignorable(slots[k].c) && !slots[k].am))
            ok = 0;
        /* SARA AM: its two glyphs, one origin, one ำ glyph in the font */
        if (ok && slots[k].am == 1) {
            int a = slots[k].used - 1, b = slots[k + 1].used - 1;
            ok = a >= 0 && b >= 0 && a != b && placed[a].n_slots == 1 &&
                 placed[b].n_slots == 1 && fi->am_same == 1 &&
                 placed[a].x == placed[b].x && placed[a].y == placed[b].y;
            if (ok) {
                placed[b].glyph = fi->am; /* painted as ำ */
                placed[a].n_slots = 0;    /* the nikhahit is in it */
            }
        }
    }
    if (!ok) {
        /* As the shaper made it: one cluster, all its glyphs, its text. */
        span_flush(o);
        size_t before = o->text.len;
        int n = 0;
        for (const char *p = text + s, *next; p < text + e; p = next) {
            uint32_t c = utf8_at(p, &next);
            if (!ignorable(c))
                buf_unichar(&o->text, c);
        }
        for (int g = g0; g < g1; g++) {
            PangoGlyphInfo *gi = &gs->glyphs[g];
            if (gi->glyph == PANGO_GLYPH_EMPTY)
                continue;
            out_glyph(o, gi->glyph, px[g] + gi->geometry.x_offset / (double)PANGO_SCALE,
                      y + gi->geometry.y_offset / (double)PANGO_SCALE);
            n++;
            o->fallbacks++;
            if (o->fn)
                o->fn(o->ctx, o->font, gi->glyph, o->text.str + before, 1);
        }
        if (n > 0 || o->text.len > before)
            out_cluster(o, (int)(o->text.len - before), n);
        for (int i = o->n_glyphs - n; i < o->n_glyphs; i++)
            note_known(o, o->glyphs[i].index, o->text.str + before, n == 1);
        o->span_text = o->text.len;
        return;
    }
    /* Whether cairo maps each glyph to the right text already: the
     * glyph was met alone with this text before in this document, or it is
     * the one glyph of its character in the font's cmap (cairo's reverse
     * lookup finds that character). */
    int known = o->known != NULL;
    for (int k = 0; known && k < n_slots; k++) {
        int i = slots[k].used - 1;
        if (i < 0 || placed[i].slot != k || placed[i].n_slots == 0)
            continue;
        int own = placed[i].glyph < fi->n_glyphs && fi->n_rev[placed[i].glyph] == 1 &&
                  placed[i].n_slots == 1 && !slots[k].am &&
                  glyphtext_char(fi, face, slots[k].c) == placed[i].glyph;
        if (own)
            continue;
        /* Not the glyph's own character: compare with what cairo has.  The
         * text is built on the stack (this runs for every glyph). */
        const char *had = g_hash_table_lookup(o->known, GUINT_TO_POINTER(placed[i].glyph));
        char t[GLYPHTEXT_MAX * 6 + 1];
        known = had && chars_utf8(slots, placed[i].slot, placed[i].n_slots, t) &&
                strcmp(had, t) == 0;
    }
    if (!known)
        span_flush(o);
    /* In the order of the characters. */
    for (int k = 0; k < n_slots; k++) {
        int i = slots[k].used - 1;
        if (i < 0 || placed[i].slot != k || placed[i].n_slots == 0)
            continue;
        size_t before = o->text.len;
        append_chars(&o->text, slots, placed[i].slot, placed[i].n_slots);
        out_glyph(o, placed[i].glyph, placed[i].x, placed[i].y);
        if (known) {
            o->span_glyphs++;
        } else {
            /* met alone, which sets cairo's map of the glyph */
            o->alone++;
            out_cluster(o, (int)(o->text.len - before), 1);
            o->span_text = o->text.len;
            note_known(o, placed[i].glyph, o->text.str + before, 1);
        }
        if (o->fn)
            o->fn(o->ctx, o->font, placed[i].glyph, o->text.str + before, 0);
    }
}

/* do_unit for the commonest unit, when painting: one character drawn by
 * the one glyph the cmap gives it and no other character (a letter, a
 * digit, a space), not moved back: it goes into the span, as do_unit
 * would send it, without the matching.  Returns 0, having done nothing,
 * for any other unit. */
static inline int own_glyph(Out *o, FontInfo *fi, FT_Face face, const char *text, int s, int e,
                            const PangoGlyphInfo *gi, double px, double y)
{
    const char *next;
    uint32_t c = utf8_at(text + s, &next);
    unsigned glyph = gi->glyph; /* PANGO_GLYPH_EMPTY and unknown ones are past n_glyphs */
    /* ASCII and Thai have no space that do_unit would replace */
    if (next != text + e || !(c < 0x80 || (c >= 0x0E00 && c <= 0x0E7F)) || c == SARA_AM ||
        gi->geometry.x_offset < 0 || glyph >= fi->n_glyphs || fi->n_rev[glyph] != 1 ||
        glyphtext_char(fi, face, c) != glyph)
        return 0;
    size_t before = o->text.len;
    buf_unichar(&o->text, c);
    out_glyph(o, glyph, px + gi->geometry.x_offset / (double)PANGO_SCALE,
              y + gi->geometry.y_offset / (double)PANGO_SCALE);
    o->span_glyphs++;
    if (o->fn)
        o->fn(o->ctx, o->font, glyph, o->text.str + before, 0);
    return 1;
}

/* The end of the grapheme starting at byte s (not past end). */
static int grapheme_end(const char *text, int s, int end)
{
    const char *p = g_utf8_next_char(text + s), *next;
    uint32_t c;
    /* no mark nor joiner comes before U+0300 */
    while (p < text + end && (c = utf8_at(p, &next)) >= 0x300 && justify_extends_grapheme(c))
        p = next;
    return p < text + end ? (int)(p - text) : end;
}

/* Fills o with the glyphs and clusters of one run starting at pen x. */
static void do_run(Out *o, PangoGlyphItem *run, const char *text, double x, double y,
                   FontInfo *fi, FT_Face face)
{
    PangoGlyphString *gs = run->glyphs;
    int off = run->item->offset, end = off + run->item->length;
    double local[256]; /* most runs: no allocation */
    double *px = gs->num_glyphs < (int)G_N_ELEMENTS(local)
                     ? local : xmalloc(((size_t)gs->num_glyphs + 1) * sizeof *px);
    for (int g = 0; g < gs->num_glyphs; g++) {
        px[g] = x;
        x += gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
    }
    int g = 0;
    while (g < gs->num_glyphs) {
        int s = off + gs->log_clusters[g];
        int e = grapheme_end(text, s, end);
        int j = g;
        for (;;) {
            while (j < gs->num_glyphs && off + gs->log_clusters[j] < e)
                j++;
            if (j == gs->num_glyphs) {
                e = end; /* the last cluster covers the run's rest */
                break;
            }
            if (off + gs->log_clusters[j] <= e)
                break;
            /* a glyph covering characters beyond the grapheme: take its
             * whole cluster and the graphemes it touches */
            e = off + gs->log_clusters[j];
            while (e < end && justify_extends_grapheme(g_utf8_get_char(text + e)))
                e = (int)(g_utf8_next_char(text + e) - text);
        }
        if (j == g + 1 && o->known && own_glyph(o, fi, face, text, s, e, &gs->glyphs[g], px[g], y)) {
            g = j;
            continue;
        }
        do_unit(o, fi, face, text, s, e, gs, g, j, px, y);
        g = j;
    }
    if (px != local)
        free(px);
}

/* --- what is kept on the surface painted on ------------------------------ */

/* A block's lines gathered into one span (textlayer_group_begin). */
typedef struct Group {
    cairo_t *cr;             /* the context it is open on; NULL: none open */
    cairo_scaled_font_t *sf; /* the font of the glyphs gathered; NULL: none */
    cairo_glyph_t *glyphs;
    size_t n_glyphs, cap_glyphs;
    Buf text;
    PangoLayoutLine *line;   /* the line the last run came from */
} Group;

/* Kept on the surface (one document), gone with it: the glyphs whose text
 * cairo already knows, per font face; the buffers a line is built in and
 * the group, kept from line to line (a line used to cost four allocations
 * and frees, a table cell three more). */
typedef struct Painter {
    GHashTable *faces;        /* cairo_font_face_t -> GHashTable of glyph -> text */
    cairo_font_face_t *face;  /* the face last looked up, and its glyphs */
    GHashTable *known;
    Out out;
    Group group;
} Painter;

static void painter_free(void *p)
{
    Painter *pt = p;
    g_hash_table_destroy(pt->faces);
    free(pt->out.glyphs);
    free(pt->out.clusters);
    free(pt->out.text.str);
    if (pt->group.sf)
        cairo_scaled_font_destroy(pt->group.sf);
    free(pt->group.glyphs);
    free(pt->group.text.str);
    free(pt);
}

/* The Painter of the surface cr paints on (made at its first use), or
 * NULL when cairo cannot keep one. */
static Painter *painter(cairo_t *cr)
{
    static const cairo_user_data_key_t key;
    cairo_surface_t *target = cairo_get_target(cr);
    Painter *pt = cairo_surface_get_user_data(target, &key);
    if (pt)
        return pt;
    pt = xcalloc(1, sizeof *pt);
    pt->faces = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_hash_table_destroy);
    if (cairo_surface_set_user_data(target, &key, pt, painter_free) != CAIRO_STATUS_SUCCESS) {
        painter_free(pt);
        return NULL;
    }
    return pt;
}

/* The glyphs whose text cairo already knows in the document, for the font
 * face of sf. */
static GHashTable *known_glyphs(Painter *pt, cairo_scaled_font_t *sf)
{
    cairo_font_face_t *face = cairo_scaled_font_get_font_face(sf);
    if (face == pt->face)
        return pt->known;
    GHashTable *glyphs = g_hash_table_lookup(pt->faces, face);
    if (!glyphs) {
        glyphs = g_hash_table_new_full(NULL, NULL, NULL, g_free);
        g_hash_table_insert(pt->faces, face, glyphs);
    }
    pt->face = face;
    pt->known = glyphs;
    return glyphs;
}

/* --- a block's lines as one span (textlayer_group_begin) ----------------- */

/* The group open on cr, or NULL. */
static Group *group_of(cairo_t *cr)
{
    Painter *pt = painter(cr);
    return pt && pt->group.cr == cr ? &pt->group : NULL;
}

/* Paints what gr gathered: all its glyphs as one cluster of all its text,
 * which cairo writes as one ActualText span. */
static void group_flush(cairo_t *cr, Group *gr)
{
    if (gr->sf && gr->n_glyphs > 0) {
        cairo_text_cluster_t c = {.num_bytes = (int)gr->text.len,
                                  .num_glyphs = (int)gr->n_glyphs};
        cairo_set_scaled_font(cr, gr->sf);
        cairo_show_text_glyphs(cr, gr->text.str, (int)gr->text.len, gr->glyphs,
                               (int)gr->n_glyphs, &c, 1, 0);
    }
    if (gr->sf)
        cairo_scaled_font_destroy(gr->sf);
    gr->sf = NULL;
    gr->line = NULL;
    gr->n_glyphs = 0;
    buf_truncate(&gr->text, 0);
}

/* Takes the run in o into gr, the group open on cr if there is one, if the
 * run is one span of glyphs cairo already maps right (a glyph met for the
 * first time must go alone, to set its map).  Returns whether it did; if
 * not, what the group held is painted first, so the order of painting is
 * kept. */
static int group_add(cairo_t *cr, Group *gr, cairo_scaled_font_t *sf, PangoLayoutLine *line,
                     const Out *o, int matched)
{
    if (!gr)
        return 0;
    int fits = matched && o->alone == 0 && o->n_clusters == 1 &&
               o->clusters[0].num_glyphs == o->n_glyphs;
    /* poppler spreads a span's text from its first glyph to its last: the
     * last must lie right of the first */
    if (fits && gr->sf && gr->n_glyphs > 0 && o->glyphs[o->n_glyphs - 1].x <= gr->glyphs[0].x)
        group_flush(cr, gr);
    if (!fits || (gr->sf && gr->sf != sf)) {
        group_flush(cr, gr);
        if (!fits)
            return 0;
    }
    if (!gr->sf)
        gr->sf = cairo_scaled_font_reference(sf);
    else if (gr->line != line) {
        /* a new line: a space where a paragraph ended (Thai words break
         * across lines without one; a space a line ends at is its own) */
        const PangoLayoutLine *prev = gr->line;
        const char *t = pango_layout_get_text(line->layout);
        int gap = prev->layout != line->layout;
        for (int i = prev->start_index + prev->length; !gap && i < line->start_index; i++)
            gap = t[i] == '\n' || t[i] == ' ' || t[i] == '\t';
        if (gap && gr->text.len > 0 && gr->text.str[gr->text.len - 1] != ' ')
            buf_append(&gr->text, " ", 1);
    }
    gr->line = line;
    if (gr->n_glyphs + (size_t)o->n_glyphs > gr->cap_glyphs) {
        gr->cap_glyphs = gr->n_glyphs + (size_t)o->n_glyphs > 2 * gr->cap_glyphs
                             ? gr->n_glyphs + (size_t)o->n_glyphs : 2 * gr->cap_glyphs;
        gr->glyphs = xrealloc(gr->glyphs, gr->cap_glyphs * sizeof *gr->glyphs);
    }
    memcpy(gr->glyphs + gr->n_glyphs, o->glyphs, (size_t)o->n_glyphs * sizeof *o->glyphs);
    gr->n_glyphs += (size_t)o->n_glyphs;
    buf_append(&gr->text, o->text.str, o->text.len);
    return 1;
}

/* One group at a time per surface: pdf.c paints a document with one
 * context. */
void textlayer_group_begin(cairo_t *cr)
{
    Painter *pt = painter(cr);
    if (!pt || pt->group.cr)
        return;
    pt->group.cr = cr;
}

void textlayer_group_tail(cairo_t *cr, const char *text)
{
    Group *gr = group_of(cr);
    if (gr && gr->sf && gr->n_glyphs > 0)
        buf_append(&gr->text, text, strlen(text));
}

void textlayer_group_end(cairo_t *cr)
{
    Group *gr = group_of(cr);
    if (!gr)
        return;
    group_flush(cr, gr);
    gr->cr = NULL;
}

/* sf drawn f times as wide (justify_expansion): a font of its own, which
 * cairo keeps in its cache (one per step of expansion) and writes into the
 * PDF as a text matrix, the same font program. */
static cairo_scaled_font_t *expanded_font(cairo_scaled_font_t *sf, double f)
{
    cairo_matrix_t fm, ctm, scale;
    cairo_scaled_font_get_font_matrix(sf, &fm);
    cairo_scaled_font_get_ctm(sf, &ctm);
    cairo_matrix_init_scale(&scale, f, 1);
    cairo_matrix_multiply(&fm, &fm, &scale);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_scaled_font_get_font_options(sf, fo);
    cairo_scaled_font_t *x = cairo_scaled_font_create(cairo_scaled_font_get_font_face(sf), &fm,
                                                      &ctm, fo);
    cairo_font_options_destroy(fo);
    return x;
}

/* Runs each run of line through do_run; paints when cr is not NULL. */
static int show_line(cairo_t *cr, PangoLayoutLine *line, TextlayerFn fn, void *ctx)
{
    const char *text = pango_layout_get_text(line->layout);
    double x = 0, y = 0;
    if (cr) {
        if (!cairo_has_current_point(cr))
            return 0;
        cairo_get_current_point(cr, &x, &y);
    }
    Painter *pt = cr ? painter(cr) : NULL;
    Group *gr = pt && pt->group.cr == cr ? &pt->group : NULL;
    Out local = {0};
    Out *o = pt ? &pt->out : &local;
    o->fn = fn;
    o->ctx = ctx;
    o->fallbacks = 0;
    o->expand = justify_expansion(line);
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        double width = 0;
        for (int g = 0; g < run->glyphs->num_glyphs; g++)
            width += run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
        PangoFont *font = run->item->analysis.font;
        cairo_scaled_font_t *sf = PANGO_IS_CAIRO_FONT(font)
            ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : NULL;
        FontInfo *fi = sf && cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS &&
                               cairo_scaled_font_get_type(sf) == CAIRO_FONT_TYPE_FT
                           ? glyphtext_font(font, sf) : NULL;
        if (!fi || run->item->analysis.level % 2) {
            /* not a FreeType font, or right to left: as pango paints it */
            if (cr) {
                cairo_move_to(cr, x, y);
                pango_cairo_show_glyph_item(cr, text, run);
            }
            x += width;
            continue;
        }
        glyphtext_check_sara_am(fi, sf);
        o->n_glyphs = o->n_clusters = 0;
        o->alone = 0;
        int fallbacks = o->fallbacks;
        buf_truncate(&o->text, 0);
        o->font = font;
        o->known = pt ? known_glyphs(pt, sf) : NULL;
        o->span_text = 0;
        o->span_glyphs = 0;
        do_run(o, run, text, x, y, fi, fi->face);
        span_flush(o);
        if (cr && o->n_glyphs > 0) {
            cairo_scaled_font_t *paint = o->expand != 1 ? expanded_font(sf, o->expand)
                                                        : cairo_scaled_font_reference(sf);
            if (!group_add(cr, gr, paint, line, o, o->fallbacks == fallbacks)) {
                cairo_set_scaled_font(cr, paint);
                cairo_show_text_glyphs(cr, o->text.str, (int)o->text.len, o->glyphs,
                                       o->n_glyphs, o->clusters, o->n_clusters, 0);
            }
            cairo_scaled_font_destroy(paint);
        }
        x += width;
    }
    int fallbacks = o->fallbacks;
    free(local.glyphs);
    free(local.clusters);
    free(local.text.str);
    return fallbacks;
}

void textlayer_show_line(cairo_t *cr, PangoLayoutLine *line)
{
    show_line(cr, line, NULL, NULL);
}

int textlayer_map_line(PangoLayoutLine *line, TextlayerFn fn, void *ctx)
{
    return show_line(NULL, line, fn, ctx);
}

