// How the message log reads a frame: its time to the millisecond, a one-line preview of its payload,
// the whole frame pretty-printed, and whether a frame pushed live belongs to the filtered view.
import type { MessageFilter } from '../../../../shared/api/message-filter';
import type { MessageView } from '../../../../shared/api/views';
import { frameJson, framePayload } from '../../../../shared/api/frame-payload';

import { formatDateTime } from '../../../../shared/format/time';

/** A frame's time in the one time format (the user's locale), to the millisecond: the order within a second matters here. */
export function frameTime(iso: string): string {
  return formatDateTime(iso, { milliseconds: true });
}

/** The payload on one line, cut short (the raw text for a frame that is not JSON). */
export function payloadPreview(m: Pick<MessageView, 'kind' | 'raw'>, max = 240): string {
  const payload = framePayload(m);
  const text = payload === null ? m.raw : JSON.stringify(payload);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The frame pretty-printed, or its raw text when it is not JSON. */
export function prettyFrame(raw: string): string {
  const frame = frameJson(raw);
  return frame === undefined ? raw : JSON.stringify(frame, null, 2);
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
