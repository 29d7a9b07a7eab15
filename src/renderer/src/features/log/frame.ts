// How the message log reads a frame: its time to the millisecond, a one-line preview of its payload (as
// the charger wrote it, around the search's first match), the whole frame pretty-printed (and whether that
// rewrites what was sent), and whether a frame pushed live belongs to the filtered view.
import type { MessageFilter } from '../../../../shared/api/message-filter';
import type { MessageView } from '../../../../shared/api/views';
import { frameJson, framePayload } from '../../../../shared/api/frame-payload';
import { payloadTextAsSent } from '../../../../shared/api/message-export';
import { compactJson, firstMatch } from './searchMatch';

import { formatClock, formatDateTime } from '../../../../shared/format/time';

/** A frame's time in the one time format (the user's locale), to the millisecond: the order within a second matters here. */
export function frameTime(iso: string): string {
  return formatDateTime(iso, { milliseconds: true });
}

/** A frame's time of day only, to the millisecond: the time column of a narrow list (the date is in its tooltip). */
export function frameClock(iso: string): string {
  return formatClock(iso, { milliseconds: true });
}

/** A search match starting further into the payload than this is shown from a little before it. */
const MATCH_LEAD = 24;
const MATCH_CONTEXT = 12;

/**
 * The payload on one line, cut short: as the frame's text holds it when it can be read so (a recorded
 * row), else written again (the raw text for a frame that is not JSON). With a search, the excerpt
 * starts a little before its first match, so a match deep in a long payload shows in the row.
 */
export function payloadPreview(m: Pick<MessageView, 'kind' | 'raw'> & { error?: string | null }, max = 240, search?: string): string {
  const asSent = 'error' in m && m.error !== undefined ? payloadTextAsSent(m as MessageView) : null;
  let text = asSent;
  if (text === null) {
    const payload = framePayload(m);
    text = payload === null ? m.raw : JSON.stringify(payload);
  }
  let from = 0;
  if (search) {
    // Where the search finds it (as typed or escaped, in any case), as the row marks it.
    const at = firstMatch(text, search);
    if (at > MATCH_LEAD) from = at - MATCH_CONTEXT;
  }
  return `${from ? '…' : ''}${text.slice(from, from + max)}${from + max < text.length ? '…' : ''}`;
}

/** Whether the frame can be formatted: it is JSON (frameJson; one that is not is shown only as sent). */
export function canFormat(raw: string): boolean {
  return frameJson(raw) !== undefined;
}

/** The frame pretty-printed, or its raw text when it is not JSON. */
export function prettyFrame(raw: string): string {
  const frame = frameJson(raw);
  return frame === undefined ? raw : JSON.stringify(frame, null, 2);
}

/**
 * Whether the pretty-printed frame says something other than the text that was sent, beyond spacing: a
 * number written another way (`1.0` shown as `1`), a key given twice (shown once), an escape written out.
 * False for a frame that is not JSON (it is shown as its text).
 */
export function prettyRewrites(raw: string): boolean {
  const frame = frameJson(raw);
  return frame !== undefined && JSON.stringify(frame) !== compactJson(raw).text;
}

export { isFlagged, matchesFilter } from '../../../../shared/api/message-filter';

/** The filter without its empty parts, so equal views have equal keys. */
export function cleanFilter(f: MessageFilter): MessageFilter {
  const out: MessageFilter = {};
  if (f.chargerId) out.chargerId = f.chargerId;
  if (f.actions?.length) out.actions = [...f.actions].sort();
  if (f.direction) out.direction = f.direction;
  if (f.kinds?.length) out.kinds = [...f.kinds].sort();
  if (f.errorsOnly) out.errorsOnly = true;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.search) out.search = f.search;
  return out;
}

/**
 * A datetime-local field's value (local time) as ISO, or undefined when empty or unreadable. As the
 * end of a range it takes in the whole second it names: "to 09:15:02" includes 09:15:02.999.
 */
export function localToIso(value: string, end = false): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return undefined;
  return new Date(end && t % 1000 === 0 ? t + 999 : t).toISOString();
}

/** JSON split into tokens for colouring: keys, strings, numbers, literals and punctuation. */
export function jsonTokens(text: string): Array<{ text: string; type: 'key' | 'string' | 'number' | 'literal' | 'plain' }> {
  const out: Array<{ text: string; type: 'key' | 'string' | 'number' | 'literal' | 'plain' }> = [];
  const re = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), type: 'plain' });
    if (m[1] !== undefined) {
      out.push({ text: m[1], type: m[2] ? 'key' : 'string' });
      if (m[2]) out.push({ text: m[2], type: 'plain' });
    } else out.push({ text: m[0], type: m[3] !== undefined ? 'number' : 'literal' });
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ text: text.slice(last), type: 'plain' });
  return out;
}
