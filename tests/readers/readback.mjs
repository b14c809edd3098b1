// readback.mjs - reads phaen's PDFs back the way people's readers do and
// checks the Thai text layer (issue 12).
//
//   node tests/readers/readback.mjs [--measure] --xml PLAN.xml --words WORDS.txt A.pdf B.pdf...
//
// Readers: poppler (pdftotext -raw, and its reading order: what Evince and
// Okular copy and search), MuPDF (mutool draw -F txt) and pdf.js (Firefox's
// viewer, from node_modules beside this file).  One node process for all
// the documents keeps the time down.
//
// Checks, each printed as "ok"/"FAIL" lines:
//  - units: every text of the source XML with at least 20 Thai letters that
//    a document shows comes out whole from every reader: same characters in
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
import { mkdirSync, readFileSync } from 'node:fs';
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

// A command's stdout; a failed run fails the script, except with `anyway`
// (qpdf --check says what is wrong on stdout and exits non-zero).  Every
// run below starts at once, before pdf.js reads the documents in this
// process: the runs overlap it instead of following it.
const runNow = (cmd, argv, anyway = false) => new Promise((resolve, reject) => {
  execFile(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28 }, (err, stdout) =>
    (err && !anyway ? reject(err) : resolve(stdout || String(err || ''))));
});
// With PHAEN_TOOL_CACHE (test_readers: the documents are shared renders,
// which no test changes), each run is made once per test run for every
// test binary that asks, as testutil.h's shared_tool() does: same key
// (the arguments, one a line), same lock (<key>.lock), same files.
const toolCache = process.env.PHAEN_TOOL_CACHE;
const SHARED_TOOL_SCRIPT = 'if [ ! -f "$0.rc" ]; then "$@" >"$0.out" 2>"$0.err"; ' +
  'echo $? >"$0.rc.tmp" && mv "$0.rc.tmp" "$0.rc"; fi';
const run = !toolCache ? runNow : async (cmd, argv, anyway = false) => {
  const all = [cmd, ...argv];
  const base = join(toolCache, createHash('sha256').update(all.map((a) => `${a}\n`).join('')).digest('hex').slice(0, 16));
  mkdirSync(toolCache, { recursive: true });
  await runNow('flock', [`${base}.lock`, 'sh', '-c', SHARED_TOOL_SCRIPT, base, ...all]);
  const rc = +readFileSync(`${base}.rc`, 'utf8');
  const stdout = readFileSync(`${base}.out`, 'utf8');
  if (rc && !anyway) throw new Error(`${all.join(' ')}: exit status ${rc}`);
  return stdout || (rc ? `${all.join(' ')}: exit status ${rc}` : '');
};
const started = {};
const once = (key, cmd, argv, anyway) => (started[key] ??= run(cmd, argv, anyway));
const startAll = (f) => ({
  raw: once(`raw ${f}`, 'pdftotext', ['-raw', '-enc', 'UTF-8', f, '-']),
  order: once(`order ${f}`, 'pdftotext', ['-enc', 'UTF-8', f, '-']),
  mupdf: once(`mupdf ${f}`, 'mutool', ['draw', '-q', '-F', 'txt', '-o', '-', f]),
  stext: once(`stext ${f}`, 'mutool', ['draw', '-q', '-F', 'stext', '-o', '-', f]),
  qpdf: once(`qpdf ${f}`, 'qpdf', ['--check', f], true),
});
for (const f of pdfs) startAll(f);

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
// pdf.js also tells the document's language and its structure tags.
const docInfo = {};
const countRoles = (node, roles) => {
  if (node && node.role) roles[node.role] = (roles[node.role] || 0) + 1;
  for (const c of (node && node.children) || []) countRoles(c, roles);
};
async function pdfjsText(path) {
  const pdfjs = await import(join(here, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs'));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(path)), disableFontFace: true, useSystemFonts: false,
    isEvalSupported: false, verbosity: 0,
  }).promise;
  const roles = {};
  let out = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    for (const it of tc.items) out += (it.str || '') + (it.hasEOL ? '\n' : '');
    out += '\n\f';
    countRoles(await page.getStructTree(), roles);
    page.cleanup();
  }
  docInfo[path] = { lang: (await doc.getMetadata()).info.Language, roles };
  await doc.destroy();
  return out;
}

const readers = {
  'poppler -raw': (f) => startAll(f).raw,
  'poppler reading order': (f) => startAll(f).order,
  'MuPDF': (f) => startAll(f).mupdf,
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
const esc = (c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A unit as a pattern over prepared text: a space may be a line break, and
// a line break may come between any two characters.
const unitPattern = (u) => new RegExp([...u].map((c) => (c === ' ' ? '[ \\n]' : esc(c))).join('\\n?'), 'u');
const loose = (t) => t.replace(/\s+/g, '');

// --- marks ----------------------------------------------------------------
const isMark = (c) => /\p{M}/u.test(c);
function marksMoved(stext) {
  const seen = new Map(); // key -> Map(offset -> count)
  let font = '', size = '';
  let group = []; // chars of the current grapheme: {c, x, y}
  const flush = () => {
    if (group.length > 1) {
      const text = group.map((g) => g.c).join('');
      group.forEach((g, i) => {
        if (!isMark(g.c)) return;
        const key = `${font}|${size}|${text}|${i}`;
        const off = `${(g.x - group[0].x).toFixed(2)},${(g.y - group[0].y).toFixed(2)}`;
        if (!seen.has(key)) seen.set(key, new Map());
        const m = seen.get(key);
        m.set(off, (m.get(off) || 0) + 1);
      });
    }
    group = [];
  };
  const re = /<font name="([^"]*)" size="([^"]*)">|<char [^>]*?x="([-0-9.]+)" y="([-0-9.]+)"[^>]*? c="([^"]*)"\/>|<\/line>/g;
  for (let m; (m = re.exec(stext));) {
    if (m[1] !== undefined) { flush(); font = m[1]; size = m[2]; continue; }
    if (m[3] === undefined) { flush(); continue; }
    const c = decode(m[5]);
    if ((isMark(c) || c === '\u0E33') && group.length) group.push({ c, x: +m[3], y: +m[4] });
    else { flush(); group.push({ c, x: +m[3], y: +m[4] }); }
  }
  flush();
  // The most common offset of each key is where the font puts the mark;
  // any offset further from it than PDF's text positioning rounds (1/1000
  // em) is a moved mark.
  let marks = 0, moved = 0;
  const examples = [];
  for (const [key, offs] of seen) {
    let best = null, bestN = 0;
    for (const [off, n] of offs) { marks += n; if (n > bestN) { best = off; bestN = n; } }
    const [bx, by] = best.split(',').map(Number);
    const far = [];
    for (const [off, n] of offs) {
      const [x, y] = off.split(',').map(Number);
      if (Math.abs(x - bx) > 0.06 || Math.abs(y - by) > 0.06) { moved += n; far.push(off); }
    }
    if (far.length && examples.length < 5) examples.push(`${key.split('|')[2]} ${best} / ${far.join(' / ')}`);
  }
  return { marks, moved, examples };
}

// --- run ------------------------------------------------------------------
let failed = 0;
const say = (ok, msg) => { console.log(`${ok ? 'ok' : 'FAIL'}: ${msg}`); if (!ok) failed++; };

const texts = {};
const readAll = async (read) => {
  let all = '';
  for (const f of pdfs) all += prepare(await read(f)) + '\n';
  return all;
};
// pdf.js first, in this process, while the other readers run beside it
const pdfjsAll = await readAll(readers['pdf.js']);
for (const [name, read] of Object.entries(readers))
  texts[name] = name === 'pdf.js' ? pdfjsAll : await readAll(read);
// The units the documents show at all (in any reader, spaces aside).
const anyLoose = Object.values(texts).map(loose).join('\n');
const shown = units.filter((u) => anyLoose.includes(loose(u)));
const patterns = shown.map(unitPattern);
console.log(`units: ${shown.length} of the source's ${units.length} texts of >= 20 Thai letters are shown`);
for (const [name, t] of Object.entries(texts)) {
  // (a unit found as it is needs no pattern: the pattern matches it too)
  const missing = shown.filter((u, i) => !t.includes(u) && !patterns[i].test(t));
  const share = shown.length ? (100 * (shown.length - missing.length)) / shown.length : 100;
  say(measure || missing.length <= (allow[name] || 0),
      `${name}: ${shown.length - missing.length}/${shown.length} units whole (${share.toFixed(1)} %)` +
      (missing.length ? `; first missing: ${missing[0].slice(0, 60)}` : ''));
  if (verbose) {
    for (const u of missing) {
      // where the reader has it: the first 12 characters, then what follows
      const at = t.indexOf(u.slice(0, 12));
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
  const { lang, roles } = docInfo[f];
  say(lang === 'th-TH', `${f}: /Lang ${lang}`);
  const heads = Object.keys(roles).filter((r) => /^H[1-6]$/.test(r)).reduce((a, r) => a + roles[r], 0);
  say(heads > 0 && (roles.P || 0) > 0, `${f}: tagged, ${heads} headings and ${roles.P || 0} paragraphs`);
  const check = await startAll(f).qpdf;
  say(/No syntax or stream encoding errors/.test(check), `${f}: qpdf --check`);
}
let marks = 0, moved = 0;
for (const f of pdfs) {
  const r = marksMoved(await startAll(f).stext);
  marks += r.marks;
  moved += r.moved;
  if (r.moved) console.log(`  ${f}: e.g. ${r.examples.join('; ')}`);
}
say(measure || moved === 0, `marks: ${moved} of ${marks} moved off their letters`);
process.exit(failed ? 1 : 0);
