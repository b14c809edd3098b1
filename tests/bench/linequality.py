#!/usr/bin/env python3
"""linequality.py - how even the body lines of a PDF are, read back by MuPDF.

    python3 tests/bench/linequality.py FILE.pdf [--size 16] [--right 538.6] [--worst N]

Reads every character's origin and advance with `mutool draw -F stext` and
prints, over the lines set in the body size:
  - lines letter-spaced: more than 0.2 pt added between letters on average
    (added = next letter's origin - (this letter's origin + its advance));
  - the largest such average, and the largest single letter gap;
  - lines letter-spaced inside words: the same over the gaps that are not
    at one of ICU's word boundaries (justification may open a little at
    the boundaries between Thai words, as Thai typesetters do);
  - lines whose glyphs are widened or narrowed (justify.expand, drawn with
    a font matrix wider or narrower than the size: MuPDF gives such a
    font the size sqrt(f) times the set size, and advances f times as
    wide): their count and the largest factor.  The gaps above are
    measured beyond the advances as drawn, so an expanded line's letters
    count as letter-spaced only for what is added between them on top;
  - word gaps (from the last letter before a space to the first after it):
    median, 95th percentile, max;
  Lines with a gap over 20 pt between letters, or one at a space before a
  page number that ends the line (contents entries), are left out.
  - mid-word breaks (the table of contents' pages left out): line ends (not after a space) of full-measure lines
    (the line reaches the right margin, so the paragraph goes on) that ICU's
    Thai word breaker (libicuuc, through ctypes) does not see as a word
    boundary.  ICU makes mistakes of its own: this is a reference, not truth.
    A line centred under a line as long as the measure (a signature block)
    does not continue it, nor does a line that starts with a list label
    ("๒) ", "(๓) ", "๔. "): a paragraph's last line may reach the margin too
    (narrowed to it).
Marks (zero advance) are skipped: they sit on their letter.  A gap over
3 pt with no space in it is a column's edge (a hanging label's), not
letter-spacing (justification opens at most 0.09 em between letters); nor
is the first gap at a space that ends where another line of the page
starts (the text layer writes a space across a hanging label's column):
it is not a word gap (a label of several words, "เป้าประสงค์ที่ ๑.๑", has
word gaps of its own before it).
"""
import ctypes
import ctypes.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def icu():
    for v in range(80, 60, -1):
        try:
            lib = ctypes.CDLL("libicuuc.so.%d" % v)
        except OSError:
            continue
        f = lambda n: getattr(lib, "%s_%d" % (n, v))
        op, st, nx = f("ubrk_open"), f("ubrk_setText"), f("ubrk_next")
        op.restype = ctypes.c_void_p
        op.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int,
                       ctypes.POINTER(ctypes.c_int)]
        st.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int,
                       ctypes.POINTER(ctypes.c_int)]
        nx.argtypes = [ctypes.c_void_p]
        err = ctypes.c_int(0)
        bi = op(1, b"th", None, 0, ctypes.byref(err))  # UBRK_WORD

        def bounds(s):
            u = s.encode("utf-16-le")
            buf = ctypes.create_string_buffer(u)
            e = ctypes.c_int(0)
            st(bi, buf, len(u) // 2, ctypes.byref(e))
            out = set()
            while True:
                b = nx(bi)
                if b < 0:
                    break
                out.add(b)
            return out
        return bounds
    return None


def lines_of(pdf, size):
    """The lines set in `size`, one per baseline of a page (MuPDF cuts a
    line where a gap is wide: the pieces are put back together)."""
    xml = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf],
                         capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    for pi, page in enumerate(root.iter("page")):
        if "\u0e2a\u0e32\u0e23\u0e1a\u0e31\u0e0d" in "".join(c.get("c") for c in page.iter("char")):
            continue  # the table of contents (สารบัญ): its lines end in page numbers
        rows = {}
        for font in page.iter("font"):
            f = (float(font.get("size")) / size) ** 2  # the expansion
            if abs(f - 1) > 0.035:
                continue
            for ch in font.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                y = float(ch.get("y"))
                # a mark stacked over another (the ์ of ดิ์) sits a point
                # above its letter's baseline: the same line, not one of
                # its own (lines are 20 pt apart)
                near = [r for r in rows if abs(r - y) < 2.0]
                key = near[0] if near else y
                rows.setdefault(key, []).append((float(ch.get("x")), q[2] - q[0], ch.get("c"), f))
        # where the page's lines start: a hanging label's column is one
        starts = [min(x for x, _, c, _ in rows[y] if not c.isspace()) for y in rows
                  if any(not c.isspace() for _, _, c, _ in rows[y])]
        for y in sorted(rows):
            f = max((e for _, _, c, e in rows[y] if not c.isspace()), key=lambda e: abs(e - 1),
                    default=1.0)
            yield pi, [r[:3] for r in rows[y]], starts, f


def main():
    args = sys.argv[1:]
    pdf = args[0]
    size = float(args[args.index("--size") + 1]) if "--size" in args else 16.0
    right = float(args[args.index("--right") + 1]) if "--right" in args else 538.58
    worst = int(args[args.index("--worst") + 1]) if "--worst" in args else 0
    bounds = icu()
    n_lines = spaced = spaced_inner = 0
    max_avg = max_gap = 0.0
    word_gaps = []
    breaks = midword = 0
    loose = []
    expanded = []
    prev = None  # (text, full) of the line before
    for pi, chars, starts, f in lines_of(pdf, size):
        n_lines += 1
        if abs(f - 1) > 0.001:
            expanded.append(f)
        text = "".join(c for _, _, c in chars)
        pen = None       # where the last letter ends
        after_space = False
        gaps, edges, inner, wgaps = [], [], [], []
        wb = bounds(text) if bounds else set()
        idx = 0          # UTF-16 index of c in text (ICU counts in UTF-16)
        for x, adv, c in chars:
            at = idx
            idx += len(c.encode("utf-16-le")) // 2
            if c.isspace() or c in "\u00a0\u2002\u2003":
                after_space = True
                continue
            if adv <= 0.01:
                continue  # a mark
            if pen is not None:
                if after_space and not edges and \
                        any(abs(x - s0) < 0.5 for s0 in starts) and x > min(starts) + 1:
                    edges.append(x - pen)  # a hanging label's column
                elif after_space:
                    wgaps.append(x - pen)
                elif x - pen > 3:
                    edges.append(x - pen)  # a column's edge (a hanging label)
                else:
                    gaps.append(x - pen)
                    if at not in wb:
                        inner.append(x - pen)
            pen = x + adv
            after_space = False
        if max(gaps + edges + [0]) > 20 or \
                (max(wgaps + [0]) > 20 and re.search(r"\s[\u0e50-\u0e590-9]+\s*$", text)):
            prev = None
            continue  # a tabular line (contents, leaders): not running text
        word_gaps.extend(wgaps)
        avg = sum(gaps) / len(gaps) if gaps else 0.0
        if avg > 0.2:
            spaced += 1
        if inner and sum(inner) / len(inner) > 0.2:
            spaced_inner += 1
        max_avg = max(max_avg, avg)
        if gaps:
            max_gap = max(max_gap, max(gaps))
        loose.append((avg, pi + 1, text))
        end = chars[-1][0] + chars[-1][1]
        start = min(x for x, _, c in chars if not c.isspace()) if text.strip() else end
        if prev is not None and abs((prev[2] + prev[3]) / 2 - (start + end) / 2) < 2 and \
                start > prev[2] + 20:
            prev = None  # centred under it: a block of centred lines
        if re.match(r"\s*(\(?[\u0e50-\u0e590-9.]+\)|[\u0e50-\u0e590-9]+\.)\s", text):
            prev = None  # a list item's label: a new paragraph starts
        if prev is not None and prev[1] and not prev[0][-1:].isspace():
            a, b = prev[0].rstrip(), text.lstrip()
            if re.match(r"[\u0e00-\u0e7f]", a[-1:]) and re.match(r"[\u0e00-\u0e7f]", b[:1]):
                breaks += 1
                tail, head = a[-30:], b[:30]
                if bounds and len(tail.encode("utf-16-le")) // 2 not in bounds(tail + head):
                    midword += 1
                    if worst:
                        print("mid-word: %s|%s" % (tail[-12:], head[:12]))
        prev = (text, end >= right - 3, start, end)
    word_gaps.sort()
    pct = lambda p: word_gaps[min(len(word_gaps) - 1, int(p * len(word_gaps)))] if word_gaps else 0
    print("lines %d  letter-spaced %d (%.1f%%)  max avg %.2f pt  max gap %.2f pt" %
          (n_lines, spaced, 100.0 * spaced / max(n_lines, 1), max_avg, max_gap))
    print("letter-spaced inside words (gaps not at an ICU word boundary) %d (%.1f%%)" %
          (spaced_inner, 100.0 * spaced_inner / max(n_lines, 1)))
    print("glyphs widened %d, narrowed %d (%.1f%% of lines)  most %+.1f%%" %
          (sum(f > 1 for f in expanded), sum(f < 1 for f in expanded),
           100.0 * len(expanded) / max(n_lines, 1),
           100 * max((f - 1 for f in expanded), key=abs, default=0)))
    print("word gaps %d  median %.2f  p95 %.2f  max %.2f pt" %
          (len(word_gaps), pct(0.5), pct(0.95), word_gaps[-1] if word_gaps else 0))
    print("breaks inside Thai text %d  ICU mid-word %d (%.2f%%)%s" %
          (breaks, midword, 100.0 * midword / max(breaks, 1), "" if bounds else " (no ICU)"))
    for avg, page, text in sorted(loose, reverse=True)[:worst]:
        print("%.2f p%d %s" % (avg, page, text))


if __name__ == "__main__":
    main()
