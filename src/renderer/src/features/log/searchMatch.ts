// Where the log's search matches a text, by the very rule it finds frames with (message-filter.ts
// matchesFilter): any of the search's forms (as typed, escaped as the frame's JSON holds it, every non-ASCII
// character as \uXXXX), ASCII letters in any case; a search with a letter beyond ASCII that has a case by
// its compiled pattern (search-fold.ts searchPattern), which folds those too. So a frame the search found
// has its match marked, however the search was typed (`zoë"müller` marks `Zoë\"Müller`).
import { searchForms } from '../../../../shared/api/message-filter';
import { searchPattern } from '../../../../shared/api/search-fold';

/** Where a match is: [start, end) in the text. */
export type Match = readonly [number, number];

const reEscape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** One form as a pattern folding ASCII letters only (as SQLite's LIKE and asciiLower do). */
const asciiFolded = (form: string): string => Array.from(form, (c) => (/^[a-z]$/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : reEscape(c))).join('');

let last: { search: string; re: RegExp } | null = null;
/** The search's rule as a global regular expression (the last search's kept: a row marks three cells with it). */
function matcher(search: string): RegExp {
  if (last?.search !== search) {
    // The longest form first: where the escaped form matches, all of it is marked.
    const pattern =
      searchPattern(search) ??
      searchForms(search)
        .sort((a, b) => b.length - a.length)
        .map(asciiFolded)
        .join('|');
    last = { search, re: new RegExp(pattern, 'g') };
  }
  return last.re;
}

/** Every match of the search in `text`, in order, none overlapping (none for no search). */
export function searchMatches(text: string, search: string | undefined): Match[] {
  if (!search) return [];
  const re = matcher(search);
  const out: Match[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!m[0].length) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** Where the search first matches `text`, or -1. */
export function firstMatch(text: string, search: string | undefined): number {
  if (!search) return -1;
  const re = matcher(search);
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? m.index : -1;
}

/**
 * JSON text without the whitespace between tokens (whitespace inside strings kept), and where each of its
 * characters is in the text.
 */
export function compactJson(text: string): { text: string; at: number[] } {
  let out = '';
  const at: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      at.push(i);
      if (c === '\\' && i + 1 < text.length) {
        out += text[++i];
        at.push(i);
      } else if (c === '"') inString = false;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      if (c === '"') inString = true;
      out += c;
      at.push(i);
    }
  }
  return { text: out, at };
}

/**
 * The matches in a frame pretty-printed: those in its text as shown, and those the frame written without
 * spaces holds (as a charger sends it: `"idTag":"Zo` spans the space the formatting puts after the colon),
 * each the stretch of the pretty text it spans; in order, overlapping ones merged.
 */
export function prettyMatches(pretty: string, search: string | undefined): Match[] {
  if (!search) return [];
  const compact = compactJson(pretty);
  const found = [...searchMatches(pretty, search), ...searchMatches(compact.text, search).map(([s, e]): Match => [compact.at[s], compact.at[e - 1] + 1])];
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of found) {
    const prev = out.at(-1);
    if (prev && s <= prev[1]) prev[1] = Math.max(prev[1], e);
    else out.push([s, e]);
  }
  return out;
}
