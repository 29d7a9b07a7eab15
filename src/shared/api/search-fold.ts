// The message log's search folds the case of letters beyond ASCII too (`müller` finds `MÜLLER` and
// `M\u00DCLLER`, `σίσυφος` finds `ΣΊΣΥΦΟΣ`), as JavaScript's toLowerCase maps one character to one: a letter
// folds to its lowercase when that is a single character on the same side of ASCII (so the Kelvin sign does
// not fold to `k`, nor `İ` to the two characters of `i̇`), and a lowercase one Unicode folds further (the
// final sigma `ς`) to the lowercase of its uppercase. A search with no such letter stays the ASCII-folded substring search
// (SQLite's LIKE, untouched); one with such a letter is matched with a regular expression that the live rule
// (matchesFilter), the store's scan (a SQL function) and the free-text index's query all derive from here.

/** `to` when it is one character on the same side of ASCII as `ch` (and not `ch`), else null. */
function sameSide(ch: string, to: string): string | null {
  if (to === ch || to.length !== String.fromCodePoint(to.codePointAt(0)!).length) return null;
  return ch.charCodeAt(0) < 128 === to.charCodeAt(0) < 128 ? to : null;
}

/**
 * A character's fold: its lowercase, when that is one character on the same side of ASCII; for a lowercase
 * letter that Unicode's case folding maps to another (the final sigma `ς` to `σ`, `ϑ` to `θ`, `µ` to `μ`),
 * the lowercase of its uppercase, on the same terms. One character to one, so a folded text keeps its length.
 */
export function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  if (lower !== ch) return sameSide(ch, lower) ?? ch;
  const upper = ch.toUpperCase();
  return (sameSide(ch, upper) && sameSide(ch, upper.toLowerCase())) ?? ch;
}

/** A text with every character folded (the same length: for marking where a search matches). */
export function foldText(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = ch.charCodeAt(0) < 128 ? (ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : ch) : foldChar(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

let classes: Map<string, string[]> | null = null;

/** Non-ASCII characters by their fold, for those that more than one character folds to (built once, when first needed). */
function caseClasses(): Map<string, string[]> {
  if (classes) return classes;
  const m = new Map<string, string[]>();
  for (const [from, to] of CASED_BLOCKS) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const f = foldChar(ch);
      if (f === ch) continue;
      const c = m.get(f);
      if (c) c.push(ch);
      else m.set(f, [f, ch]);
    }
  }
  classes = m;
  return m;
}

/**
 * The Unicode blocks that hold letters with a case beyond ASCII (the classes are built from these, a few
 * thousand characters instead of every one: a few ms, not 100). A test checks they hold every character
 * that folds, as this JavaScript engine folds them.
 */
export const CASED_BLOCKS: Array<[number, number]> = [
  [0x80, 0x58f],
  [0x10a0, 0x10ff],
  [0x13a0, 0x13ff],
  [0x1c80, 0x1cbf],
  [0x1d00, 0x1fff],
  [0x2100, 0x218f],
  [0x24b0, 0x24ff],
  [0x2c00, 0x2d2f],
  [0xa640, 0xa6ff],
  [0xa720, 0xa7ff],
  [0xab30, 0xabbf],
  [0xff20, 0xff5f],
  [0x10400, 0x104ff],
  [0x10570, 0x105bf],
  [0x10c80, 0x10cff],
  [0x10d40, 0x10d8f],
  [0x118a0, 0x118ff],
  [0x16e40, 0x16eff],
  [0x1e900, 0x1e95f],
];

/** The characters that fold as a non-ASCII `ch` does (just `ch` when none other does). */
export function caseClass(ch: string): string[] {
  if (ch.charCodeAt(0) < 128) return [ch];
  return caseClasses().get(foldChar(ch)) ?? [ch];
}

/** Whether a search holds a letter beyond ASCII with another case (it then needs searchPattern). */
export function foldsBeyondAscii(text: string): boolean {
  if (!/[^\x00-\x7f]/.test(text)) return false;
  for (const ch of text) if (caseClass(ch).length > 1) return true;
  return false;
}

const reEscape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const hexClass = (n: number): string =>
  n
    .toString(16)
    .padStart(4, '0')
    .replace(/[a-f]/g, (h) => `[${h}${h.toUpperCase()}]`);
/** A character as JSON with every non-ASCII UTF-16 unit escaped (\uXXXX, hex in either case), as a regex. */
const escapedRe = (ch: string): string => Array.from({ length: ch.length }, (_, i) => `\\\\u${hexClass(ch.charCodeAt(i))}`).join('');

function unitRe(ch: string, escaped: boolean): string {
  if (ch.charCodeAt(0) < 128) return /[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : reEscape(ch);
  const members = caseClass(ch);
  if (escaped) return members.length === 1 ? escapedRe(ch) : `(?:${members.map(escapedRe).join('|')})`;
  return members.length === 1 ? ch : `(?:${members.join('|')})`;
}

/**
 * The regular expression (its source, no flags) a frame's raw text must match for a search that folds beyond
 * ASCII: any of the search's forms (message-filter.ts searchForms: as typed, escaped as JSON, every non-ASCII
 * character as \uXXXX), each character as any of its case; null for a search that folds ASCII only.
 */
export function searchPattern(text: string): string | null {
  if (!foldsBeyondAscii(text)) return null;
  const typed = Array.from(text);
  const json = Array.from(JSON.stringify(text).slice(1, -1));
  const sources = new Set([typed.map((c) => unitRe(c, false)).join(''), json.map((c) => unitRe(c, false)).join(''), json.map((c) => unitRe(c, true)).join('')]);
  return sources.size === 1 ? [...sources][0] : [...sources].map((s) => `(?:${s})`).join('|');
}

const compiled = new Map<string, RegExp | null>();
/** Searches whose compiled searchPattern is kept (the store's scan asks for it on every frame it checks). */
const COMPILED_KEPT = 16;
/**
 * The compiled searchPattern of a search (null for one folding ASCII only), kept by the search's text (at
 * most 200 characters, not the pattern's few KB) for the last few searches.
 */
export function searchRegExp(search: string): RegExp | null {
  let re = compiled.get(search);
  if (re === undefined) {
    const pattern = searchPattern(search);
    re = pattern === null ? null : new RegExp(pattern);
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value!);
    compiled.set(search, re);
  }
  return re;
}

/**
 * The search's forms, as sequences of positions, each the characters that may stand there (a set of one for
 * most); for the free-text index, which folds ASCII itself. A position whose characters' escapes differ in
 * length is null (no trigram spans it).
 */
export function searchFormPositions(text: string): Array<Array<string[] | null>> {
  const typed = Array.from(text).map((c) => caseClass(c));
  const json = Array.from(JSON.stringify(text).slice(1, -1));
  const escaped: Array<string[] | null> = [];
  for (const ch of json) {
    if (ch.charCodeAt(0) < 128) {
      escaped.push([ch]);
      continue;
    }
    const escapes = caseClass(ch).map((m) => Array.from({ length: m.length }, (_, i) => `\\u${m.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
    if (escapes.some((e) => e.length !== escapes[0].length)) {
      escaped.push(null);
      continue;
    }
    for (let i = 0; i < escapes[0].length; i++) escaped.push([...new Set(escapes.map((e) => e[i].toLowerCase()))]);
  }
  const forms = [typed, json.map((c) => caseClass(c)), escaped];
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
