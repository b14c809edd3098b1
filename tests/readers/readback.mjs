// readback.mjs - reads phaen's PDFs back the way people's readers do and
// checks the Thai text layer (issue 12).
//
//   node tests/readers/readback.mjs [--measure] --xml PLAN.xml --words WORDS.txt A.pdf B.pdf...
//
// Readers: poppler (pdftotext -raw, and its reading order: what Evince and
// Okular copy and search), MuPDF (mutool draw -F stext) and pdf.js (Firefox's
// viewer, from node_modules beside this file).  One node process for all
// the documents keeps the time down.
//
// Checks, each printed as "ok"/"FAIL" lines:
//  - units: every text of the source XML with at least 20 Thai letters that
//    a document shows comes out whole from every reader of that document
//    (each document apart: found whole in one it would hide a break in
//    another): same characters in
//    the same order, no space added or lost (a line break may stand where
//    the text broke).  Thai digits are read as ASCII digits on both sides.
//  - words: each word of WORDS.txt is found as often in every reader's text
//    as in the reader that finds it most (search across line breaks, like
//    pdf.js's find bar).
//  - per document: /Lang is th-TH, headings and paragraphs are tagged,
//    qpdf --check is clean.
// --allow 'READER=N' lets READER lose N units; --lenient-words READER shows
// its word counts without checking them (for a reader whose layout
// heuristics split words).
//  - marks: MuPDF's character origins (mutool draw -F stext): each Thai mark
//    sits at one offset from its base letter for a given font, size and
//    grapheme (base + marks); any other offset means something moved it.
// With --measure the figures are printed and the exit status is 0.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, realpathSync, rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let measure = false, verbose = false, xmlPath = null, wordsPath = null;
const allow = {}; // reader -> units it may lose (--allow 'READER=N')
const lenient = new Set(); // readers whose word counts are shown, not checked
const pdfs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--measure') measure = true;
  else if (args[i] === '--verbose') verbose = true;
  else if (args[i] === '--xml') xmlPath = args[++i];
  else if (args[i] === '--words') wordsPath = args[++i];
  else if (args[i] === '--allow') { const [r, n] = args[++i].split('='); allow[r] = +n; }
  else if (args[i] === '--lenient-words') lenient.add(args[++i]);
  else pdfs.push(args[i]);
}
if (!xmlPath || !pdfs.length) {
  console.error('usage: readback.mjs [--measure] --xml PLAN.xml [--words FILE] A.pdf...');
  process.exit(2);
}

// The readers' runs, made by one shell started here (a process started
// from node costs ~20 ms CPU, one from a shell a few), while pdf.js reads
// the documents in this process: the runs overlap it instead of following
// it.  Each run is kept as testutil.h's shared_tool() keeps it, in
// PHAEN_TOOL_CACHE (test_readers: the documents are shared renders, which
// no test changes) or a folder of this run: same key (the arguments, one a
// line), same lock (<key>.lock, flock), same files (<key>.out, .err, .rc,
// the .rc renamed into place last), so a run another test binary made is
// read, not made again, and one made here is read by the others.
const toolDir = process.env.PHAEN_TOOL_CACHE || mkdtempSync(join(tmpdir(), 'readback-'));
if (!process.env.PHAEN_TOOL_CACHE) process.on('exit', () => rmSync(toolDir, { recursive: true, force: true }));
mkdirSync(toolDir, { recursive: true });
const toolKey = (argv) => join(toolDir,
  createHash('sha256').update(argv.map((a) => `${a}\n`).join('')).digest('hex').slice(0, 16));
const jobs = new Map(); // key -> argv
const job = (argv) => { const k = toolKey(argv); jobs.set(k, argv); return k; };
const startAll = (f) => ({
  raw: job(['pdftotext', '-raw', f, '-']), // as the C tests ask (same bytes as -enc UTF-8)
  order: job(['pdftotext', f, '-']),
  stext: job(['mutool', 'draw', '-q', '-F', 'stext', '-o', '-', f]),
  qpdf: job(['qpdf', '--check', f]),
});
const runs = Object.fromEntries(pdfs.map((f) => [f, startAll(f)]));
const sq = (a) => `'${a.replace(/'/g, "'\\''")}'`;
// The readers with their input read from memory, as testutil.h runs them
// (tool_environ: tests/memopen.c, half of qpdf's CPU, a fifth of
// pdftotext's), when the library is built
const memopen = join(process.env.BUILD || 'build', 'tests/memopen.so');
const preload = !existsSync(memopen) ? ''
  : `LD_PRELOAD=${sq([realpathSync(memopen), process.env.LD_PRELOAD].filter(Boolean).join(':'))} `;
const script = [...jobs].filter(([k]) => !existsSync(`${k}.rc`)).map(([k, argv]) =>
  `b=${sq(k)}; if [ ! -f "$b.rc" ]; then exec 9>"$b.lock" && flock 9 && ` +
  `{ [ -f "$b.rc" ] || { ${preload}${argv.map(sq).join(' ')} >"$b.out" 2>"$b.err"; ` +
  'echo $? >"$b.rc.tmp" && mv "$b.rc.tmp" "$b.rc"; }; } && exec 9>&-; fi').join('\n');
const toolsDone = !script ? Promise.resolve() : new Promise((resolve, reject) => {
  execFile('sh', ['-c', `${script}\n`], (err) => (err ? reject(err) : resolve()));
});
// A run's stdout once every run is made; a failed run fails the script,
// except with `anyway` (qpdf --check says what is wrong on stdout and
// exits non-zero).  outPath: where it is, for a reader that reads it in
// pieces.
const outPath = async (k, anyway = false) => {
  await toolsDone;
  const rc = +readFileSync(`${k}.rc`, 'utf8');
  if (rc && !anyway) throw new Error(`${jobs.get(k).join(' ')}: exit status ${rc}`);
  return { path: `${k}.out`, rc };
};
const result = async (k, anyway = false) => {
  const { path, rc } = await outPath(k, anyway);
  const stdout = readFileSync(path, 'utf8');
  return stdout || (rc ? `${jobs.get(k).join(' ')}: exit status ${rc}` : '');
};

// --- the texts the source holds -------------------------------------------
const decode = (s) => (!s.includes('&') ? s : s
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
const digits = (s) => s.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0E50));
const thaiLetters = (s) => (s.match(/[\u0E01-\u0E3A\u0E40-\u0E4E]/g) || []).length;

const xml = readFileSync(xmlPath, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
const units = [...new Set(xml.split(/<[^>]*>/)
  .map((t) => digits(decode(t)).replace(/\s+/g, ' ').trim())
  .filter((t) => thaiLetters(t) >= 20))];
const words = wordsPath
  ? readFileSync(wordsPath, 'utf8').split('\n').map((w) => w.trim()).filter((w) => w && !w.startsWith('#'))
  : [];

// --- the readers ----------------------------------------------------------
// pdf.js also tells the document's language and its structure tags: the
// roles of the pages' structure trees are counted until the document has
// shown a heading and a paragraph (what the check asks; the trees of all
// the sample's pages cost 0.35 s CPU).
const docInfo = {};
const countRoles = (node, roles) => {
  if (node && node.role) roles[node.role] = (roles[node.role] || 0) + 1;
  for (const c of (node && node.children) || []) countRoles(c, roles);
};
const headings = (roles) => Object.keys(roles).filter((r) => /^H[1-6]$/.test(r))
  .reduce((a, r) => a + roles[r], 0);
async function pdfjsText(path) {
  const pdfjs = await import(join(here, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs'));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(path)), disableFontFace: true, useSystemFonts: false,
    isEvalSupported: false, verbosity: 0,
  }).promise;
  const roles = {};
  let out = '', treePages = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    for (const it of tc.items) out += (it.str || '') + (it.hasEOL ? '\n' : '');
    out += '\n\f';
    if (!headings(roles) || !roles.P) {
      countRoles(await page.getStructTree(), roles);
      treePages = p;
    }
    page.cleanup();
  }
  docInfo[path] = { lang: (await doc.getMetadata()).info.Language, roles, treePages };
  await doc.destroy();
  return out;
}

const readers = {
  'poppler -raw': (f) => result(runs[f].raw),
  'poppler reading order': (f) => result(runs[f].order),
  'MuPDF': async (f) => (await mupdf(f)).text,
  'pdf.js': pdfjsText,
};

// A reader's text as lines: Thai digits as ASCII, page numbers ("- ๒ -")
// and page breaks dropped, spaces around line ends trimmed.
const prepare = (t) => digits(t).split(/\n|\f/).map((l) => l.replace(/[ \t\u00A0]+/g, ' ').trim())
  .filter((l) => l && !/^-\s*[0-9]+\s*-$/.test(l)).join('\n');
// What search finds across lines: a line break between two letters is
// nothing, otherwise a space.
const searchable = (t) => t.replace(/([^\s])\n(?=[^\s])/gu, (m, a) => a + (/[\u0E00-\u0E7F]/.test(a) ? '' : ' '))
  .replace(/\n/g, ' ');
// Whether the unit u is in prepared text t at j: a space may be a line
// break, and a line break may come between any two characters (as the
// pattern u[0] \n? u[1] \n? ... with [ \n] for a space would say; 300
// such patterns cost 0.25 s CPU to compile).
const unitAt = (t, j, u, i = 0) => {
  for (; i < u.length; i++, j++) {
    const c = u.charCodeAt(i);
    if (t.charCodeAt(j) === c) continue;
    if (t.charCodeAt(j) !== 10) return false;
    if (c === 32 && unitAt(t, j + 1, u, i + 1)) return true; // the break is the space
    if (i === 0 || (c & 0xFC00) === 0xDC00) return false; // no break inside a character
    const d = t.charCodeAt(++j); // a break, then the character
    if (d !== c && !(c === 32 && d === 10)) return false;
  }
  return true;
};
const loose = (t) => t.replace(/\s+/g, '');
// A text without its white space, and where each of its characters is in
// the text: u is at j only if loose(u) is in the loose text where t[j] is.
const looseIndex = (t) => {
  const at = new Int32Array(t.length);
  let n = 0;
  for (const m of t.matchAll(/\S+/g))
    for (let i = 0; i < m[0].length; i++) at[n++] = m.index + i;
  return { text: loose(t), at };
};
const hasUnit = (t, index, u) => {
  if (t.includes(u)) return true;
  const lu = loose(u);
  for (let i = index.text.indexOf(lu); i >= 0; i = index.text.indexOf(lu, i + 1))
    if (unitAt(t, index.at[i], u)) return true;
  return false;
};

// --- marks ----------------------------------------------------------------
const isMark = (c) => /\p{M}/u.test(c);
// (a document's hundred thousand characters are a few hundred distinct
// ones: each decoded and classed once)
const charOf = new Map();
const stextChar = (attr) => {
  let c = charOf.get(attr);
  if (!c) {
    c = { c: decode(attr) };
    c.mark = isMark(c.c);
    charOf.set(attr, c);
  }
  return c;
};
// The number in b[i, e) as Number() reads it: digits with a point are an
// integer divided by a power of ten, both exact, so the double nearest the
// decimal (anything else, such as an exponent, through Number()).
const num = (b, i, e) => {
  let neg = false, v = 0, scale = 0;
  const from = i;
  if (b[i] === 0x2d) { neg = true; i++; }
  for (; i < e; i++) {
    if (b[i] === 0x2e && !scale) { scale = 1; continue; }
    if (b[i] < 0x30 || b[i] > 0x39 || v > 2 ** 50) return Number(b.latin1Slice(from, e));
    v = v * 10 + (b[i] - 48);
    if (scale) scale *= 10;
  }
  if (scale) v /= scale;
  return neg ? -v : v;
};
// The character of a c attribute b[a, e): "&#xHEX;" or one ASCII byte
// (what mutool writes) by its number, anything else by its text.
const byCode = new Map();
const charAt = (b, a, e) => {
  let code = -1;
  if (e - a === 1) code = b[a];
  else if (b[a] === 0x26 && b[a + 1] === 0x23 && b[a + 2] === 0x78 && b[e - 1] === 0x3b) {
    code = 0;
    for (let k = a + 3; k < e - 1; k++) code = code * 16 + ((b[k] | 0x20) <= 0x39 ? b[k] - 0x30 : (b[k] | 0x20) - 0x57);
  }
  if (code < 0) return stextChar(b.latin1Slice(a, e));
  let c = byCode.get(code);
  if (!c) byCode.set(code, (c = stextChar(b.latin1Slice(a, e))));
  return c;
};
const is = (b, i, s) => {
  for (let k = 0; k < s.length; k++) if (b[i + k] !== s.charCodeAt(k)) return false;
  return true;
};
// MuPDF's structured text (mutool draw -F stext): its text as `mutool draw
// -F txt` prints it (each line's characters and a line end, a line end
// after each block, a form feed and a line end after each page: the same
// bytes on the sample's documents, MuPDF 1.21), read from the same run,
// and the marks moved.  The file (24 MB of XML for the sample's three
// documents, a character a line) is read in pieces into one buffer and
// its tags picked out byte by byte: read whole as UTF-8 and matched with a
// regular expression it cost 0.4 s more CPU (0.68 s against 0.28 s).
function readStext(path) {
  let text = '';
  const seen = new Map(); // key -> Map(offset -> count)
  let font = '', size = '';
  // the grapheme being read (base + marks): characters, marks, origins
  const gc = [], gm = [], gx = [], gy = [];
  let n = 0;
  const flush = () => {
    if (n > 1) {
      let grapheme = '';
      for (let i = 0; i < n; i++) grapheme += gc[i];
      for (let i = 0; i < n; i++) {
        if (!gm[i]) continue;
        const key = `${font}|${size}|${grapheme}|${i}`;
        const off = `${(gx[i] - gx[0]).toFixed(2)},${(gy[i] - gy[0]).toFixed(2)}`;
        let m = seen.get(key);
        if (!m) seen.set(key, (m = new Map()));
        m.set(off, (m.get(off) || 0) + 1);
      }
    }
    n = 0;
  };
  // the tags that end in b[0, end); returns where the first that does not
  // end there starts
  const scan = (b, end) => {
    for (let i = 0; ;) {
      const lt = b.indexOf(0x3c, i);
      if (lt < 0 || lt >= end) return end;
      const gt = b.indexOf(0x3e, lt);
      if (gt < 0 || gt >= end) return lt;
      i = gt + 1;
      if (is(b, lt, '<char ')) {
        // x, y and c (the character) of its attributes, in any order
        let x = NaN, y = NaN, ca = -1, ce = -1;
        for (let a = lt + 6; a < gt;) {
          const eq = b.indexOf(0x3d, a);
          if (eq < 0 || eq > gt || b[eq + 1] !== 0x22) break;
          const ve = b.indexOf(0x22, eq + 2);
          if (eq - a === 1 && b[a] === 0x78) x = num(b, eq + 2, ve);
          else if (eq - a === 1 && b[a] === 0x79) y = num(b, eq + 2, ve);
          else if (eq - a === 1 && b[a] === 0x63) { ca = eq + 2; ce = ve; }
          a = ve + 2;
        }
        if (ca < 0 || Number.isNaN(x) || Number.isNaN(y)) throw new Error(`${path}: a <char> without x, y or c`);
        const { c, mark } = charAt(b, ca, ce);
        text += c;
        if (!(mark || c === '\u0E33') || !n) flush();
        gc[n] = c; gm[n] = mark; gx[n] = x; gy[n++] = y;
      } else if (is(b, lt, '<font name="')) {
        flush();
        const ne = b.indexOf(0x22, lt + 12);
        font = b.latin1Slice(lt + 12, ne);
        size = is(b, ne, '" size="') ? b.latin1Slice(ne + 8, b.indexOf(0x22, ne + 8)) : '';
      } else if (is(b, lt, '</line>') || is(b, lt, '</block>')) {
        flush();
        text += '\n';
      } else if (is(b, lt, '</page>')) {
        flush();
        text += '\f\n';
      }
    }
  };
  const buf = Buffer.allocUnsafe(1 << 16);
  const fd = openSync(path, 'r');
  try {
    let have = 0; // the start of a tag the last piece cut, moved to the front
    for (let got; (got = readSync(fd, buf, have, buf.length - have)) > 0;) {
      const end = have + got, from = scan(buf, end);
      buf.copy(buf, 0, from, end);
      have = end - from;
      if (have === buf.length) throw new Error(`${path}: a tag longer than ${buf.length} bytes`);
    }
  } finally {
    closeSync(fd);
  }
  flush();
  // The most common offset of each key is where the font puts the mark;
  // any offset further from it than PDF's text positioning rounds (1/1000
  // em) is a moved mark.
  let marks = 0, moved = 0;
  const examples = [];
  for (const [key, offs] of seen) {
    let best = null, bestN = 0;
    for (const [off, k] of offs) { marks += k; if (k > bestN) { best = off; bestN = k; } }
    const [bx, by] = best.split(',').map(Number);
    const far = [];
    for (const [off, k] of offs) {
      const [x, y] = off.split(',').map(Number);
      if (Math.abs(x - bx) > 0.06 || Math.abs(y - by) > 0.06) { moved += k; far.push(off); }
    }
    if (far.length && examples.length < 5) examples.push(`${key.split('|')[2]} ${best} / ${far.join(' / ')}`);
  }
  return { text, marks, moved, examples };
}
const stextRead = {};
const mupdf = (f) => (stextRead[f] ??= outPath(runs[f].stext).then((o) => readStext(o.path)));

// --- run ------------------------------------------------------------------
let failed = 0;
const say = (ok, msg) => { console.log(`${ok ? 'ok' : 'FAIL'}: ${msg}`); if (!ok) failed++; };

// Each reader's text of each document (docTexts[reader][i], pdfs[i]), and
// of them all (texts[reader], for the word searches)
const texts = {}, docTexts = {};
const readEach = async (read) => {
  const each = [];
  for (const f of pdfs) each.push(prepare(await read(f)) + '\n');
  return each;
};
// pdf.js first, in this process, while the other readers run beside it
const pdfjsEach = await readEach(readers['pdf.js']);
for (const [name, read] of Object.entries(readers)) {
  docTexts[name] = name === 'pdf.js' ? pdfjsEach : await readEach(read);
  texts[name] = docTexts[name].join('');
}
// Document by document: the units a document shows at all (in any reader,
// spaces aside) must come out whole from every reader of that document (a
// unit broken in one document was found whole in another when the texts
// were searched together: the progress report's "ฟื ้นฟู").
const shownIn = pdfs.map((f, i) => {
  const anyLoose = Object.values(docTexts).map((each) => loose(each[i])).join('\n');
  return units.filter((u) => anyLoose.includes(loose(u)));
});
const nShown = shownIn.reduce((n, s) => n + s.length, 0);
console.log(`units: ${new Set(shownIn.flat()).size} of the source's ${units.length} texts of ` +
            `>= 20 Thai letters are shown, ${nShown} times in the ${pdfs.length} documents`);
for (const name of Object.keys(docTexts)) {
  const missing = []; // [unit, document index]
  pdfs.forEach((f, i) => {
    const t = docTexts[name][i], index = looseIndex(t);
    for (const u of shownIn[i]) if (!hasUnit(t, index, u)) missing.push([u, i]);
  });
  const share = nShown ? (100 * (nShown - missing.length)) / nShown : 100;
  say(measure || missing.length <= (allow[name] || 0),
      `${name}: ${nShown - missing.length}/${nShown} units whole (${share.toFixed(1)} %)` +
      (missing.length ? `; first missing: ${missing[0][0].slice(0, 60)} (${pdfs[missing[0][1]]})` : ''));
  if (verbose) {
    for (const [u, i] of missing) {
      // where the reader has it: the first 12 characters, then what follows
      const t = docTexts[name][i], at = t.indexOf(u.slice(0, 12));
      console.log(`    want: ${u}\n    got:  ${at < 0 ? '?' : t.slice(at, at + u.length + 10).replace(/\n/g, '⏎')}`);
    }
  }
}
if (words.length) {
  const found = {};
  for (const [name, t] of Object.entries(texts)) {
    const s = searchable(t);
    found[name] = words.map((w) => s.split(w).length - 1);
  }
  words.forEach((w, i) => {
    const most = Math.max(...Object.values(found).map((f) => f[i]));
    const line = Object.keys(found).map((n) => `${n} ${found[n][i]}`).join(', ');
    const good = Object.keys(found).every((n) => found[n][i] === most || lenient.has(n));
    say(measure || (most > 0 && good), `search '${w}' (${most}): ${line}`);
  });
}
for (const f of pdfs) {
  const { lang, roles, treePages } = docInfo[f];
  say(lang === 'th-TH', `${f}: /Lang ${lang}`);
  const heads = headings(roles);
  say(heads > 0 && (roles.P || 0) > 0,
      `${f}: tagged, ${heads} headings and ${roles.P || 0} paragraphs in its first ${treePages} pages`);
  const check = await result(runs[f].qpdf, true);
  say(/No syntax or stream encoding errors/.test(check), `${f}: qpdf --check`);
}
let marks = 0, moved = 0;
for (const f of pdfs) {
  const r = await mupdf(f);
  marks += r.marks;
  moved += r.moved;
  if (r.moved) console.log(`  ${f}: e.g. ${r.examples.join('; ')}`);
}
say(measure || moved === 0, `marks: ${moved} of ${marks} moved off their letters`);
process.exit(failed ? 1 : 0);
