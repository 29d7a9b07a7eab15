// What the message log's tests share: a clock for their frames, the log's pages and counts as the bench
// answers them from a list of frames, and the list's scroll area laid out (jsdom lays nothing out).
import { afterEach, beforeEach } from 'vitest';
import { letElementsScroll, type Handlers } from './fake-client';
import { matchesFilter } from '../../src/shared/api/message-filter';
import type { MessageView } from '../../src/shared/api/views';

/** 2026-03-01 08:00:00 UTC: the time the frames of a log test are stamped from. */
export const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
/** `ms` milliseconds after T0. */
export const at = (ms: number) => new Date(T0 + ms).toISOString();

/** A frame of CP001 as the log lists it (an incoming CALL unless `m` says otherwise), stamped `msPerId` ms after T0 per id. */
export const aLoggedFrame = (m: Partial<MessageView> & Pick<MessageView, 'id'>, msPerId = 1): MessageView => ({
  ts: at(m.id * msPerId),
  chargerId: 'CP001',
  direction: 'in',
  kind: 'CALL',
  messageId: null,
  action: null,
  raw: '[]',
  error: null,
  ...m,
});

/** messages:page answered from `frames` (oldest first) as the bench does: those up to `upToId` matching the filter, newest first, `limit` from `offset`. */
export const pageOf =
  (frames: MessageView[]): NonNullable<Handlers['messages:page']> =>
  ({ upToId, offset = 0, limit = 200, ...filter }) =>
    frames
      .filter((m) => m.id <= (upToId ?? Infinity) && matchesFilter(m, filter))
      .reverse()
      .slice(offset, offset + limit);

/** messages:count answered from `frames`: those up to `upToId` matching the filter, never capped, the newest id `frames.length`. */
export const countOf =
  (frames: MessageView[]): NonNullable<Handlers['messages:count']> =>
  ({ filter, upToId }) => ({ count: frames.filter((m) => m.id <= (upToId ?? Infinity) && matchesFilter(m, filter)).length, capped: false, maxId: frames.length });

/** In each test, the log's scroll area is 20 rows (640 px) high and `width()` wide (less a 15 px scroll bar), and scrolls. */
export function logRowsLaidOut(width: () => number = () => 1200): void {
  const saved = (['clientHeight', 'clientWidth', 'offsetWidth'] as const).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const);
  const isRows = (el: HTMLElement) => el.dataset?.testid === 'log-rows';
  let unscroll: () => void = () => {};
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: (function (this: HTMLElement) { return isRows(this) ? 640 : 0; }) as () => number }); // prettier-ignore
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: (function (this: HTMLElement) { return isRows(this) ? width() - 15 : 0; }) as () => number }); // prettier-ignore
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: (function (this: HTMLElement) { return isRows(this) ? width() : 0; }) as () => number }); // prettier-ignore
    unscroll = letElementsScroll();
  });
  afterEach(() => {
    for (const [k, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
    unscroll();
  });
}
