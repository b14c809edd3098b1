/* template.h - the house style, read from templates/<name>.conf.
 *
 * Everything a document's look depends on is data: page size and margins,
 * fonts and sizes, numeral styles, page-number format, the Thai labels and
 * headings, chapter order, no-break pairs.  Changing a margin or a label needs
 * no recompilation.  Lengths are stored in PDF points (1/72 in).
 *
 * Threads: a template is loaded by one thread and then read by any number.
 */
#ifndef PHAEN_TEMPLATE_H
#define PHAEN_TEMPLATE_H

#include <stddef.h>

#include "diag.h"

/* NUMERALS_THAI_TEXT: Thai digits in Thai text, but the digits of Latin
 * codes and names (MP-01.2, PJ-1.01, Tier 3, ISO 9001) stay ASCII; what
 * "thai" means when the template says `numerals.latin = keep`. */
typedef enum { NUMERALS_THAI, NUMERALS_ARABIC, NUMERALS_THAI_TEXT } NumeralStyle;

typedef struct Template Template;

/* The most columns a table's shares (table.columns.*) name. */
enum { TEMPLATE_MAX_COLUMNS = 8 };

struct Template {
    const char *name;          /* "official" */
    const char *version;       /* "1" */
    const char *path;          /* the file it was read from */

    double page_w, page_h;     /* portrait A4: 595.28 x 841.89 */
    double margin_top, margin_bottom, margin_left, margin_right;
    double header_y;           /* baseline area of the page number, from the top */

    const char *font_family;   /* "Laksaman" */
    double body_size;          /* 16 */
    double line_spacing;       /* factor on the font's natural line height, e.g. 0.8 */
    double para_space;         /* extra space after a paragraph */
    double first_line_indent;  /* of body paragraphs */
    double title_size;         /* cover title */
    double chapter_size;       /* level-0 headings */
    double section_size;       /* level-1 headings */
    double table_size;         /* text in tables */
    double cell_pad;           /* padding inside table cells */
    int justify;               /* 1: justify body text the Thai way; 0: left */

    const char *page_number_format; /* "- %s -": %s is the number */
    NumeralStyle numerals_page, numerals_headings, numerals_dates,
                 numerals_tables, numerals_body;
    int numbering_ids;         /* numbering = id: goals, indicators and strategies
                                * are labelled by their ids; number (default):
                                * by their place in the plan, "1.1.2" */
    int numerals_latin_keep;   /* numerals.latin = keep: Latin codes keep ASCII
                                * digits (the thai styles become THAI_TEXT) */

    const char **chapters;     /* master-plan chapter order: "background", ... */
    size_t n_chapters;
    const char **nobreak;      /* words kept on one line with the word after them:
                                * "พ.ศ.", "ฉบับที่" */
    size_t n_nobreak;
    const char **keepwhole;    /* words never broken, though the dictionary
                                * would: "การค้ามนุษย์" */
    size_t n_keepwhole;
    const char **preferwhole;  /* words broken only when nothing else fits:
                                * "ประเทศไทย", agency names (linebreak.c) */
    size_t n_preferwhole;
    double space_stretch;      /* the most a justified space widens, in em
                                * (0: justify.c's default) */
    double word_stretch;       /* the most a boundary between Thai words
                                * widens before letters open, in em (0: none) */
    double letter_max;         /* the most added between two letters, in em
                                * (0: justify.c's default, the inner gap's cap) */
    double space_shrink;       /* the most a justified space narrows, in em
                                * (0: spaces never narrow) */
    double word_shrink;        /* the most a boundary between Thai words
                                * narrows, in em (0: none) */
    double letter_shrink;      /* the most two letters of a word close up, in
                                * em (0: never) */
    double last_line_min;      /* a paragraph's last line shorter than this is
                                * avoided when the breaks allow (0: no rule) */

    /* Tables that do not fit (layout.c).  Optional keys: a template
     * without them never shrinks a table and splits it when too wide. */
    double table_min_size;     /* font.size.table.min: the table font may
                                * shrink down to this; 0: it never shrinks */
    int table_split;           /* table.split (default yes): a table too wide
                                * even at the smallest size is split into
                                * column groups; no: it is an error */
    double table_keep_rows;    /* table.keep_rows: body rows kept together on
                                * each side of a page break inside a table */
    /* The look of table rows (optional; the defaults are the official
     * look): greys from 0 (black) to 1 (white, no shading), written in the
     * file in percent of white, and the width of the cell rules. */
    double shade_header;       /* table.shade.header (86: 0.86) */
    double shade_total;        /* table.shade.total (88) */
    double shade_group;        /* table.shade.group (93) */
    double shade_subtotal;     /* table.shade.subtotal (95) */
    double rule_width;         /* table.rule (0.5pt) */

    /* The cover's emblem (optional; compose.c, layout.c): the bytes of the
     * PNG file named by cover.emblem, a path relative to the template's
     * folder, checked when the template is read (image.h).  NULL: none. */
    const unsigned char *emblem;
    size_t emblem_len;
    int emblem_px_w, emblem_px_h;
    double emblem_width;       /* cover.emblem.width (3cm): printed width */
    /* The mark on every page of a plan that is not approved (layout.c):
     * a word painted large, light and diagonal under the text, as paths,
     * so that it never enters the text layer.  Optional keys; the defaults
     * are the official look. */
    const char *draft_text;    /* draft.text ("ร่าง") */
    unsigned draft_colour;     /* draft.color, "#RRGGBB" as 0xRRGGBB (#F3D2D2) */
    double draft_size;         /* draft.size (220pt) */
    double draft_angle;        /* draft.angle: degrees anticlockwise (55) */
    /* The progress report (progressdoc.c, progress.h); optional keys.  A
     * share of target of at least progress.achieved per cent is achieved,
     * of at least progress.close is close, below that below target; each
     * status has a colour (#rrggbb), beside its word and shape. */
    double progress_achieved;  /* default 100 */
    double progress_close;     /* default 80 */
    unsigned colour_achieved, colour_close, colour_below; /* 0xRRGGBB */
    /* The spacing of the cover (compose.c), as fractions of the page
     * height, and around headings (layout.c), as fractions of a body
     * line; optional keys written in percent, the defaults the official
     * look. */
    double cover_top;          /* cover.space.top (22): above the title */
    double cover_top_emblem;   /* cover.space.top.emblem (8): above the emblem */
    double cover_emblem_gap;   /* cover.space.emblem (6): emblem to title */
    double cover_issuer_gap;   /* cover.space.issuer (12): title to issuer */
    double heading_before;     /* heading.space.before (50): unless the
                                * composer gives the heading its own space */
    double heading_after_chapter; /* heading.space.after.chapter (60): level 0 */
    double heading_after;      /* heading.space.after (25): other levels */
    /* The main tables' column shares (table.columns.*, optional; the
     * defaults are the official look): only their ratios matter.  A share
     * marked "phases" is split evenly between the plan's phases. */
    double cols_indicators[5];       /* master: indicator, unit, baseline,
                                      * phases, leads (27 10 10 33 19) */
    double cols_agencies[4];         /* master annex (9 45 14 32) */
    double cols_projects[6];         /* action plan's projects (6 24 30 22 9 11) */
    double cols_sheet_header[2];     /* sheet's header block (24 76) */
    double cols_sheet_leads[4];      /* sheet: projects it leads (9 46 19 26) */
    double cols_sheet_supports[5];   /* sheet: projects it supports (9 34 14 19 24) */
    double cols_sheet_indicators[4]; /* sheet: indicator, unit, baseline,
                                      * phases (28 12 12 48) */
    double cols_sheet_totals[3];     /* sheet: budget per year (30 35 35) */
    double cols_approvals[4];        /* front matter: approvals (7 53 18 22) */
    double cols_glossary[2];         /* front matter: abbreviations (22 78) */

    /* labels (key -> text), sorted by key for template_label() */
    struct TemplateLabel { const char *key, *text; } *labels;
    size_t n_labels;

    void *store;               /* private: owns the strings */
};

/* Reads the template file at path.  Returns NULL after reporting every
 * problem (unknown key, bad length, missing required key) to d as
 * `path:line: error: ...`.  Free with template_free(). */
Template *template_load(const char *path, Diag *d);

/* The same from memory (at most 1 MiB); `name` is used in diagnostics
 * (for fuzzing and tests). */
Template *template_load_memory(const char *buf, size_t len, const char *name, Diag *d);

void template_free(Template *t);

/* The label for key (e.g. "issue" -> "ประเด็นยุทธศาสตร์ที่").  A key missing from
 * the template is a programming error in the composer: every key the
 * composers use is required by template_load(), so this never returns NULL. */
const char *template_label(const Template *t, const char *key);

#endif
