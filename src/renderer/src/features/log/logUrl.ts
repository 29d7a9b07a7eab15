// The message log's filters and open frame in its URL (routes.ts withLogQuery writes them): read back on
// load, on Back and Forward and from a link. A parameter that is unknown or malformed (an action OCPP 1.6
// does not have, a time that is not one, a frame id that is not a number) is left at its default, never
// an error: the rest of the link still applies.
import { allActions } from '../../../../shared/ocpp16';
import { messageKinds } from '../../../../shared/api/message-filter';
import type { LogQuery } from '../../app/routes';
import { emptyFields, SEARCH_MAX, type FilterFields } from './LogFilters';

const knownActions = new Set<string>(allActions);
const knownKinds = new Set<string>(messageKinds);
/** A date and time, to the second or millisecond, with an offset (or none: local time, as typed). */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A time from the URL as a datetime-local field holds it (local time), or '' when it is not a time. */
export function urlTimeToField(value: string | null): string {
  if (!value || !TIME.test(value)) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const ms = d.getMilliseconds();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/** A datetime-local field's value (local time) as the URL keeps it: an ISO time, so a link means the same instant anywhere; undefined when empty or unreadable. */
export function fieldTimeToUrl(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace('.000Z', 'Z');
}

/** The filter fields and the open frame's id a log URL holds. `fixedCharger`: a charger's own log, whose charger no URL changes. */
export function readLogUrl(params: URLSearchParams, fixedCharger?: string): { fields: FilterFields; frame: number | null } {
  const charger = params.get('charger')?.trim() ?? '';
  const direction = params.get('dir');
  const search = params.get('q') ?? '';
  const errors = params.get('errors');
  const frame = params.get('frame');
  const frameId = frame !== null && /^\d{1,15}$/.test(frame) ? Number(frame) : 0;
  const fields: FilterFields = {
    ...emptyFields,
    chargerId: fixedCharger ?? charger,
    actions: [...new Set(params.getAll('action').filter((a) => knownActions.has(a)))].slice(0, 64),
    direction: direction === 'in' || direction === 'out' ? direction : '',
    kinds: [...new Set(params.getAll('kind').filter((k) => knownKinds.has(k)))],
    errorsOnly: errors === '1' || errors === 'true',
    from: urlTimeToField(params.get('from')),
    to: urlTimeToField(params.get('to')),
    search: search.length <= SEARCH_MAX ? search : '',
  };
  return { fields, frame: frameId > 0 ? frameId : null };
}

/** What the URL keeps of the fields (not a fixed charger: the screen's own path names it). */
export function logQueryOf(f: FilterFields, fixedCharger: boolean, frame: number | null): LogQuery {
  return {
    charger: fixedCharger ? undefined : f.chargerId || undefined,
    actions: f.actions,
    direction: f.direction || undefined,
    kinds: f.kinds,
    errorsOnly: f.errorsOnly,
    from: fieldTimeToUrl(f.from),
    to: fieldTimeToUrl(f.to),
    search: f.search || undefined,
    frame: frame ?? undefined,
  };
}

/** Whether going from one set of fields to another is typing (the search or a time being typed): the URL is then replaced, not pushed, so Back does not step through keystrokes. */
export function isTyping(a: FilterFields, b: FilterFields): boolean {
  return a.chargerId === b.chargerId && a.direction === b.direction && a.errorsOnly === b.errorsOnly && a.actions.join() === b.actions.join() && a.kinds.join() === b.kinds.join();
}
