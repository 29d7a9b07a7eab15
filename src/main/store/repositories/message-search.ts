// The message log's free-text index: an FTS5 trigram index of every frame's text (contentless: it holds
// the trigrams, not a second copy of the frames), so a search for something rare reads the few frames
// that hold it instead of the whole log. A row of the index holds SEARCH_BLOCK consecutive frames (rowid
// = id / SEARCH_BLOCK): consecutive frames share most of their trigrams, which a block holds once (about
// 22 B of index per MeterValues frame instead of 139 with a row per frame); a search reads every frame of
// the blocks the index proposes. The writer thread builds it behind the log, a step at a time
// when it has nothing else to write (SearchIndexer); `indexed_to` says how far it has come, and a search
// reads the index up to there and scans the frames after it, so a frame logged a moment ago is found too.
// The index only proposes frames: each is checked against the filter on the frame itself.
import type { Db } from '../database';
import { searchForms } from '../../../shared/api/message-filter';
import { caseClass, foldsBeyondAscii, searchFormPositions, searchRegExp } from '../../../shared/api/search-fold';

/**
 * The SQL function a search folding beyond ASCII is checked with: search_fold(raw, key), the key a small
 * number standing for the search (searchFoldKey): it crosses to JavaScript on every frame checked, where a
 * search's text (UTF-8 to decode) costs several times more and its pattern (a few KB) ten times. The
 * compiled pattern is kept by the search (searchRegExp, search-fold.ts).
 */
export const SEARCH_FOLD_FUNCTION = 'search_fold';

/** Makes SEARCH_FOLD_FUNCTION known to a connection that reads the message log. */
export function registerSearchFold(db: Db): void {
  db.function(SEARCH_FOLD_FUNCTION, { deterministic: true }, (raw: unknown, key: unknown) => {
    const search = searchOfKey.get(key as number);
    const re = search === undefined ? null : searchRegExp(search);
    if (!re) throw new Error(`${SEARCH_FOLD_FUNCTION}: no search folding letters beyond ASCII has the key ${String(key)} (search again)`);
    return typeof raw === 'string' && re.test(raw) ? 1 : 0;
  });
}

/**
 * Searches by their key, and keys by their search: the last KEYS_KEPT searches (a key is never reused). A
 * message log keeps a search's query plan, key included, among its last 16 (message-log.ts), so a key must
 * outlive any plan still kept: 20,000 searches (at most 200 characters each: a few MB at the very most) is
 * far beyond the searches a person types while a plan of theirs is kept.
 */
const searchOfKey = new Map<number, string>();
const keyOfSearch = new Map<string, number>();
const KEYS_KEPT = 20_000;
let lastKey = 0;
/** The key SEARCH_FOLD_FUNCTION is given for a search (on the thread whose connection runs it). */
export function searchFoldKey(search: string): number {
  let key = keyOfSearch.get(search);
  if (key === undefined) {
    key = ++lastKey;
    if (searchOfKey.size >= KEYS_KEPT) {
      const [oldKey, oldSearch] = searchOfKey.entries().next().value!;
      searchOfKey.delete(oldKey);
      keyOfSearch.delete(oldSearch);
    }
    searchOfKey.set(key, search);
    keyOfSearch.set(search, key);
  }
  return key;
}

/** LIKE's pattern for a text anywhere in the frame. */
const likeAnywhere = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const LIKE = "raw LIKE ? ESCAPE '\\'";

/**
 * The WHERE term checking a search on the frame itself. LIKE folds ASCII case without copying each frame
 * (lower() does), which is most of a search's time: a search whose letters are all ASCII (or have no case)
 * is a LIKE of each of its forms. One with letters beyond ASCII that have a case is checked by
 * SEARCH_FOLD_FUNCTION (search-fold.ts) behind LIKEs every match passes: its first such letter, in any of
 * its cases, as is or escaped (\uXXXX, whose hex LIKE folds; the escapes as one LIKE, `_` where they
 * differ), which few frames of a log hold.
 */
export function searchTerm(search: string): { term: string; args: Array<string | number> } {
  if (!foldsBeyondAscii(search)) {
    const forms = searchForms(search);
    return { term: forms.length === 1 ? LIKE : `(${forms.map(() => LIKE).join(' OR ')})`, args: forms.map(likeAnywhere) };
  }
  const letter = Array.from(search).find((c) => caseClass(c).length > 1)!;
  const escape = (m: string): string => Array.from({ length: m.length }, (_, i) => `\\u${m.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  // The escapes, one LIKE for those of a length: `_` where they differ (the frame is checked after).
  const escapes = new Map<number, string>();
  for (const e of caseClass(letter).map((m) => escape(m).toLowerCase())) {
    const had = escapes.get(e.length);
    escapes.set(e.length, had ? Array.from(e, (c, i) => (had[i] === c ? c : '_')).join('') : e);
  }
  const likes = [...caseClass(letter).map(likeAnywhere), ...[...escapes.values()].map((e) => `%${e.replace(/\\/g, '\\\\')}%`)];
  return { term: `((${likes.map(() => LIKE).join(' OR ')}) AND ${SEARCH_FOLD_FUNCTION}(raw, ?))`, args: [...likes, searchFoldKey(search)] };
}

/**
 * The index's query for a search: any of its forms (searchForms: the text as typed, or escaped as the
 * frame's JSON may hold it), each all of its trigrams; or null when the search cannot use the index: fewer
 * than three characters, or a NUL (FTS5 ends its strings there). The trigram tokenizer folds case (ASCII,
 * and most letters beyond) and may fold wider than the search: it proposes more, and each frame is checked
 * after. A search folding beyond ASCII asks for each trigram in any case of its letters (foldedQuery), so
 * what it finds does not hang on the tokenizer's own folding of them.
 */
export function searchIndexQuery(text: string): string | null {
  if (Array.from(text).length < 3 || text.includes('\u0000')) return null;
  if (foldsBeyondAscii(text)) return foldedQuery(text);
  const forms = searchForms(text).map(formQuery);
  return forms.length === 1 ? forms[0] : forms.map((q) => `(${q})`).join(' OR ');
}

/** searchIndexQuery for a search folding beyond ASCII: each form's trigrams, each any of its letters' cases. */
function foldedQuery(text: string): string | null {
  const forms: string[] = [];
  for (const positions of searchFormPositions(text)) {
    const grams = new Map<string, string>();
    for (let i = 0; i + 3 <= positions.length; i++) {
      const [a, b, c] = positions.slice(i, i + 3);
      if (!a || !b || !c || a.length * b.length * c.length > MAX_VARIANTS) continue;
      const variants = a.flatMap((x) => b.flatMap((y) => c.map((z) => `"${(x + y + z).replace(/"/g, '""')}"`)));
      const q = variants.length === 1 ? variants[0] : `(${variants.join(' OR ')})`;
      grams.set(q, q);
    }
    // A form without a trigram to ask for could be anywhere: the index cannot narrow the search.
    if (!grams.size) return null;
    let picked = [...grams.values()];
    if (picked.length > MAX_TRIGRAMS) picked = Array.from({ length: MAX_TRIGRAMS }, (_, i) => picked[Math.round((i * (picked.length - 1)) / (MAX_TRIGRAMS - 1))]);
    forms.push(picked.join(' AND '));
  }
  return forms.length === 1 ? forms[0] : forms.map((q) => `(${q})`).join(' OR ');
}
/** Spellings of one trigram asked for at most (three letters folding three ways each, as σ Σ ς: 27; a few ms). */
const MAX_VARIANTS = 27;

/** The trigrams of one form of a search (three characters or more), all of which a frame holding it holds. */
function formQuery(text: string): string {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  // A long search narrows as well with a few of its trigrams, spread over it, as with all of them.
  let picked = [...grams];
  if (picked.length > MAX_TRIGRAMS) picked = Array.from({ length: MAX_TRIGRAMS }, (_, i) => picked[Math.round((i * (picked.length - 1)) / (MAX_TRIGRAMS - 1))]);
  return picked.map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ');
}
const MAX_TRIGRAMS = 12;

/** Frames per row of the index. */
export const SEARCH_BLOCK = 16;
/** The index row that holds a frame. */
export const blockOf = (id: number): number => Math.floor(id / SEARCH_BLOCK);

/** The newest frame the index holds (frames after it are not indexed yet). */
export function searchIndexedTo(db: Db): number {
  return (db.prepare('SELECT indexed_to AS n FROM messages_search_state WHERE id = 1').get() as { n: number } | undefined)?.n ?? 0;
}

/** Builds the index behind the log, on the writer's connection, in steps of a bounded number of frames. */
export class SearchIndexer {
  private readonly state;
  private readonly setState;
  private readonly newest;
  private readonly oldest;
  private readonly add;
  private readonly dropBlocks;
  private readonly stepTx;

  constructor(db: Db) {
    this.state = db.prepare('SELECT indexed_to AS indexedTo, pruned_to AS prunedTo FROM messages_search_state WHERE id = 1');
    this.setState = db.prepare('UPDATE messages_search_state SET indexed_to = ?, pruned_to = ? WHERE id = 1');
    this.newest = db.prepare('SELECT MAX(id) AS n FROM messages').pluck(true);
    this.oldest = db.prepare('SELECT id FROM messages ORDER BY id LIMIT 1').pluck(true);
    this.add = db.prepare(`INSERT INTO messages_search (rowid, raw) SELECT id / ${SEARCH_BLOCK}, group_concat(raw, char(10)) FROM messages WHERE id BETWEEN ? AND ? GROUP BY id / ${SEARCH_BLOCK}`);
    this.dropBlocks = db.prepare('DELETE FROM messages_search WHERE rowid BETWEEN ? AND ?');
    this.stepTx = db.transaction((rows: number) => this.run(rows));
  }

  /** Indexes up to `rows` more frames (and forgets up to as many pruned ones); true while there is more to do. */
  step(rows: number): boolean {
    return this.stepTx(rows);
  }

  private run(rows: number): boolean {
    let { indexedTo, prunedTo } = this.state.get() as { indexedTo: number; prunedTo: number };
    const newest = (this.newest.get() as number | null) ?? 0;
    const oldest = (this.oldest.get() as number | undefined) ?? newest + 1;
    if (newest < indexedTo) {
      // The log was emptied and its ids begin again: what the index holds above them is stale, and the
      // block the newest frame is in is indexed again from its start.
      const from = blockOf(newest + 1);
      this.dropBlocks.run(from, blockOf(indexedTo));
      indexedTo = from * SEARCH_BLOCK - 1;
      prunedTo = Math.min(prunedTo, indexedTo);
    }
    // Frames gone before they were indexed need no indexing (a record opened with its old frames pruned).
    if (indexedTo < oldest - 1) indexedTo = oldest - 1;
    let more = false;
    // Retention pruned frames: a block's entry goes once all its frames are gone, a step at a time (the
    // block the oldest frame is in stays: it proposes a few gone frames, and a search checks each anyway).
    const lastGone = blockOf(oldest) - 1;
    const firstLeft = blockOf(prunedTo + 1);
    if (firstLeft <= lastGone) {
      const last = Math.min(lastGone, firstLeft + Math.max(1, Math.floor(rows / SEARCH_BLOCK)) - 1);
      this.dropBlocks.run(firstLeft, last);
      prunedTo = (last + 1) * SEARCH_BLOCK - 1;
      more = last < lastGone;
    }
    if (indexedTo < newest) {
      const to = Math.min(newest, indexedTo + rows);
      // A block indexed part-way (the log's newest frames at the time) is indexed again, whole.
      const first = blockOf(indexedTo + 1);
      if ((indexedTo + 1) % SEARCH_BLOCK !== 0) this.dropBlocks.run(first, first);
      this.add.run(first * SEARCH_BLOCK, to);
      indexedTo = to;
      more ||= indexedTo < newest;
    }
    this.setState.run(indexedTo, prunedTo);
    return more;
  }
}
