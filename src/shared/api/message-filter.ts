// What the message log shows: the filter every face sends (the log screen, exports, the API), and the one
// rule for whether a frame matches it. The store turns the same filter into SQL; the live UI applies
// matchesFilter to frames as they arrive, so both always agree.
import { z } from 'zod';
import type { MessageView } from './views';
import { searchRegExp } from './search-fold';

export const messageKinds = ['CALL', 'CALLRESULT', 'CALLERROR', 'INVALID'] as const;

/** What the message log shows: every filter is optional and they combine with AND. */
export const MessageFilter = z.strictObject({
  chargerId: z.string().min(1).optional(),
  /** Any of these actions (a CALLRESULT/CALLERROR carries its CALL's action). */
  actions: z.array(z.string().min(1)).max(64).optional(),
  direction: z.enum(['in', 'out']).optional(),
  kinds: z.array(z.enum(messageKinds)).max(4).optional(),
  /** CALLERRORs, invalid frames and frames the bench flagged. */
  errorsOnly: z.boolean().optional(),
  /** ISO time range, inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /**
   * Text anywhere in the raw frame, escaped in its JSON or not (`Zoë"Ω` also finds `Zoë\"Ω` and
   * `Zo\u00eb\"\u03a9`); case-insensitive, for letters beyond ASCII too (`Ü` finds `ü` and `\u00fc`:
   * search-fold.ts).
   */
  search: z.string().max(200).optional(),
});
export type MessageFilter = z.infer<typeof MessageFilter>;

/** Whether one frame matches the filter: the same rule the store's SQL applies (search: case folded, search-fold.ts). */
export function matchesFilter(m: Omit<MessageView, 'id'>, f: MessageFilter): boolean {
  if (f.chargerId && m.chargerId !== f.chargerId) return false;
  if (f.actions?.length && (m.action === null || !f.actions.includes(m.action))) return false;
  if (f.direction && m.direction !== f.direction) return false;
  if (f.kinds?.length && !f.kinds.includes(m.kind)) return false;
  if ((f.errorsOnly || (f.kinds?.length && f.kinds.every((k) => k === 'CALLERROR' || k === 'INVALID'))) && !isFlagged(m)) return false;
  // Frames are stamped in UTC; a bound may carry any offset.
  if (f.from && m.ts < new Date(f.from).toISOString()) return false;
  if (f.to && m.ts > new Date(f.to).toISOString()) return false;
  if (f.search) {
    const { re, forms } = searchRule(f.search);
    if (re) {
      if (!re.test(m.raw)) return false;
    } else {
      const raw = asciiLower(m.raw);
      if (!forms.some((form) => raw.includes(form))) return false;
    }
  }
  return true;
}

/** What a search checks a frame with: its compiled pattern (search-fold.ts), or its ASCII-folded forms. */
type SearchRule = { search: string; re: RegExp | null; forms: string[] };
let lastRule: SearchRule | null = null;
/** The rule of the last search, kept: matchesFilter checks every frame the live log receives with it. */
function searchRule(search: string): SearchRule {
  if (lastRule?.search !== search) {
    const re = searchRegExp(search);
    lastRule = { search, re, forms: re ? [] : searchForms(search).map(asciiLower) };
  }
  return lastRule;
}

/** CALLERRORs, invalid frames and frames the bench flagged (the store's partial index holds exactly these). */
export function isFlagged(m: Pick<MessageView, 'kind' | 'error'>): boolean {
  return m.kind === 'CALLERROR' || m.kind === 'INVALID' || m.error !== null;
}

/**
 * The texts a search looks for, any of which matches: the text as typed, and as a charger's JSON may hold
 * it: quotes, backslashes and control characters escaped as JSON.stringify writes them, and besides every
 * non-ASCII character as \uXXXX (one form: ASCII case is folded, so \u00e9 and \u00E9 are one). Forms
 * mixing escaped and unescaped non-ASCII characters in one text are not looked for. The store's SQL and
 * its free-text index look for the same forms.
 */
export function searchForms(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  const ascii = json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const forms: string[] = [];
  const seen = new Set<string>();
  for (const form of [text, json, ascii]) {
    const key = asciiLower(form);
    if (!seen.has(key)) {
      seen.add(key);
      forms.push(form);
    }
  }
  return forms;
}

/** SQLite's LIKE folds ASCII letters only; so does this. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
