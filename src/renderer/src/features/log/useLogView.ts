// The log screen's view of the record: pinned at the newest frame when it was opened (so rows stay put
// while frames keep arriving), counted, and read page by page as rows scroll into sight. Frames pushed
// live are counted against the filter for "N new frames"; following live re-pins at most once a second.
// When the link to the bench reopens, a read that failed is tried again, and what may have been missed
// meanwhile (frames logged while no events came) is read: following, the view re-pins; else it is counted.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useClient } from '../../api/context';
import type { MessageFilter } from '../../../../shared/api/contract';
import type { MessageView } from '../../../../shared/api/views';
import { matchesFilter } from './frame';
import { benchNow } from '../../components/reach';

export const PAGE = 100;
/** First count of a filter that needs reading the frames; it grows by ten as the user scrolls near its end. */
export const FIRST_CAP = 10_000;
const PAGES_KEPT = 400;
const FOLLOW_EVERY_MS = 1000;
const NEW_FRAMES_EVERY_MS = 250;

export interface LogView {
  /** Rows the list holds (a lower bound while `capped`). */
  count: number;
  capped: boolean;
  /** The newest frame of the view (0: the log was empty). */
  pin: number;
  /** The first count of this filter is still running. */
  counting: boolean;
  /** The rows are still those of the previous filter. */
  stale: boolean;
  error: string | null;
  /** No rows of this filter have been read yet (none are shown: those of the previous filter went when its read failed). */
  unread: boolean;
  /** When the rows shown were last read (ms, on the bench's clock); null: never. */
  readAt: number | null;
  /** Frames matching the filter logged since the view was pinned. */
  newFrames: number;
  /** Bumped as pages arrive, so the list re-renders. */
  version: number;
  /** The generation of the view: changes with the filter and with each re-pin. */
  generation: number;
}

export function useLogView(filter: MessageFilter, follow: boolean) {
  const client = useClient();
  const key = JSON.stringify(filter);
  const [view, setView] = useState<LogView>({ count: 0, capped: false, pin: 0, counting: true, stale: false, error: null, unread: true, readAt: null, newFrames: 0, version: 0, generation: 0 });
  const pages = useRef(new Map<number, MessageView[]>());
  const inFlight = useRef(new Set<number>());
  const gen = useRef(0);
  const cap = useRef(FIRST_CAP);
  const pinRef = useRef(0);
  const growing = useRef(false);
  const lastPin = useRef(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  /** The filter the rows held are of (its key). */
  const rowsKey = useRef<string | null>(null);
  const followRef = useRef(follow);
  followRef.current = follow;
  const errorRef = useRef<string | null>(null);
  errorRef.current = view.error;

  // The first page comes first, so rows show after one round trip: its newest frame pins the view
  // (nothing newer matches), and a short page is the whole count.
  const pinAt = useCallback(
    async (keepNew: boolean) => {
      const g = ++gen.current;
      cap.current = FIRST_CAP;
      lastPin.current = Date.now();
      // Moving to newer frames of the same view, the count shown stays until the new one is in.
      // A new filter: the rows of the last one stay, dimmed, until the first page of this one is in.
      if (!keepNew) setView((v) => (v.counting && v.stale === v.count > 0 && !v.error ? v : { ...v, counting: true, stale: v.count > 0, error: null }));
      try {
        const filter = filterRef.current;
        const first = await client.call('messages:page', { ...filter, offset: 0, limit: PAGE });
        if (g !== gen.current) return;
        pages.current = new Map([[0, first]]);
        rowsKey.current = JSON.stringify(filter);
        inFlight.current = new Set();
        const pin = first[0]?.id ?? 0;
        pinRef.current = pin;
        unseen.current = 0;
        const complete = first.length < PAGE;
        setView((v) => ({
          count: complete ? first.length : keepNew ? Math.max(v.count, first.length) : first.length,
          capped: complete ? false : keepNew ? v.capped : true,
          pin,
          counting: !complete && !keepNew,
          stale: false,
          error: null,
          unread: false,
          readAt: benchNow(),
          newFrames: 0,
          version: v.version + 1,
          generation: g,
        }));
        if (complete) return;
        const c = await client.call('messages:count', { filter, upToId: pin, cap: FIRST_CAP });
        if (g !== gen.current) return;
        setView((v) => ({ ...v, count: c.count, capped: c.capped, counting: false }));
      } catch (e) {
        if (g !== gen.current) return;
        const error = (e as Error).message;
        // Rows of another filter are not this one's result: they go (those of this filter stay, as last read).
        if (rowsKey.current === JSON.stringify(filterRef.current)) setView((v) => ({ ...v, counting: false, stale: false, error }));
        else {
          pages.current = new Map();
          inFlight.current = new Set();
          pinRef.current = 0;
          rowsKey.current = null;
          setView((v) => ({ ...v, count: 0, capped: false, pin: 0, counting: false, stale: false, error, unread: true, readAt: null, newFrames: 0, version: v.version + 1, generation: g }));
        }
      }
    },
    [client],
  );

  // A new filter: a new view of the log, pinned now. Asked before the screen is painted, so the bench
  // works on it while the browser paints.
  useLayoutEffect(() => {
    void pinAt(false);
  }, [key, pinAt]);

  // Frames logged since: counted against the filter, shown a few times a second (at thousands of
  // frames a second, a render per batch of events would be most of the page's work); following, the
  // view moves to them.
  const unseen = useRef(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.subscribe((events) => {
      for (const e of events) if (e.type === 'frameLogged' && matchesFilter(e.message, filterRef.current)) unseen.current++;
      if (!unseen.current || timer) return;
      timer = setTimeout(() => {
        timer = null;
        const n = unseen.current;
        unseen.current = 0;
        if (n) setView((v) => ({ ...v, newFrames: v.newFrames + n }));
      }, NEW_FRAMES_EVERY_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
  useEffect(() => {
    if (!follow || !view.newFrames || view.counting) return;
    const wait = Math.max(0, lastPin.current + FOLLOW_EVERY_MS - Date.now());
    const t = setTimeout(() => void pinAt(true), wait);
    return () => clearTimeout(t);
  }, [follow, view.newFrames, view.counting, pinAt]);

  /** How many frames matching the filter are newer than the view's pin, read from the bench: "N new frames". */
  const countMissed = useCallback(async () => {
    const g = gen.current;
    const pin = pinRef.current;
    const filter = filterRef.current;
    try {
      const newest = await client.call('messages:page', { ...filter, offset: 0, limit: PAGE });
      if (g !== gen.current) return;
      let n = newest.filter((m) => m.id > pin).length;
      if (n === PAGE) {
        // More than a page: counted (up to the newest read, so what arrives from now on is not counted twice).
        const upToId = newest[0].id;
        const [all, held] = await Promise.all([client.call('messages:count', { filter, upToId }), pin ? client.call('messages:count', { filter, upToId: pin }) : { count: 0 }]);
        if (g !== gen.current) return;
        n = all.count - held.count;
      }
      // Counted from the record, those logged before now included: the events' count starts again.
      unseen.current = 0;
      setView((v) => ({ ...v, newFrames: n }));
    } catch {
      // Nothing to tell: the next reopening reads again, and new frames still count as they come.
    }
  }, [client]);

  // The link reopened: a read that failed is tried again (from the newest frame); after the link was lost
  // (not a silence: the stream stayed open then), the frames logged meanwhile came as no event, so they are
  // read: following, the view moves to them; else they are counted for "N new frames".
  useEffect(() => {
    let first = true;
    return client.onLink((link, _since, from) => {
      const reopened = !first && link === 'open' && from !== 'open';
      first = false;
      if (!reopened) return;
      if (errorRef.current) void pinAt(false);
      else if (from !== 'silent') {
        if (followRef.current) void pinAt(true);
        else void countMissed();
      }
    });
  }, [client, pinAt, countMissed]);

  /** Fetches the pages holding rows first..last that are not there yet. */
  const ensure = useCallback(
    (first: number, last: number) => {
      const g = gen.current;
      if (view.generation !== g || !pinRef.current) return;
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
        if (pages.current.has(p) || inFlight.current.has(p)) continue;
        inFlight.current.add(p);
        const args = { ...filterRef.current, upToId: pinRef.current, offset: p * PAGE, limit: PAGE };
        client.call('messages:page', args).then(
          (rows) => {
            if (g !== gen.current) return;
            inFlight.current.delete(p);
            pages.current.set(p, rows);
            if (pages.current.size > PAGES_KEPT) pages.current.delete(pages.current.keys().next().value!);
            setView((v) => ({ ...v, version: v.version + 1, readAt: benchNow() }));
          },
          (e: Error) => {
            if (g !== gen.current) return;
            inFlight.current.delete(p);
            setView((v) => ({ ...v, error: e.message }));
          },
        );
      }
    },
    [client, view.generation],
  );

  /** The row at a position, or undefined while its page is on its way. */
  const rowAt = useCallback((i: number): MessageView | undefined => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE], []);

  /** Where a frame is in the view, when its page has been read (pages hold rows newest first); null otherwise. */
  const indexOf = useCallback((id: number): number | null => {
    for (const [p, rows] of pages.current) {
      if (!rows.length || rows[0].id < id || rows[rows.length - 1].id > id) continue;
      const i = rows.findIndex((m) => m.id === id);
      if (i !== -1) return p * PAGE + i;
    }
    return null;
  }, []);

  /**
   * Where a frame of the filter is in the view (its row, newest first), counted by the bench: the frames of
   * the filter newer than it, up to the view's pin. 'newer': the view was pinned before it was logged;
   * 'moved': the view changed meanwhile (ask again in the new one); null: beyond counting. A capped count
   * shorter than that is extended to the full one, so the list reaches the frame.
   */
  const locate = useCallback(
    async (id: number): Promise<{ index: number; generation: number } | 'newer' | 'moved' | null> => {
      const g = gen.current;
      const pin = pinRef.current;
      const filter = filterRef.current;
      if (!pin) return 'moved';
      if (id > pin) return 'newer';
      const [all, before] = await Promise.all([client.call('messages:count', { filter, upToId: pin, cap: 10_000_000 }), client.call('messages:count', { filter, upToId: id, cap: 10_000_000 })]);
      if (g !== gen.current) return 'moved';
      const index = all.count - before.count;
      if (all.capped || before.capped || index < 0) return null;
      setView((v) => (v.generation === g && v.capped && v.count <= index ? { ...v, count: all.count, capped: false } : v));
      return { index, generation: g };
    },
    [client],
  );

  /** Near the end of a capped count: count further. */
  const grow = useCallback(async () => {
    if (!view.capped || growing.current) return;
    growing.current = true;
    const g = gen.current;
    cap.current = Math.min(cap.current * 10, 10_000_000);
    try {
      const c = await client.call('messages:count', { filter: filterRef.current, upToId: pinRef.current, cap: cap.current });
      if (g === gen.current) setView((v) => ({ ...v, count: c.count, capped: c.capped }));
    } catch (e) {
      if (g === gen.current) setView((v) => ({ ...v, error: (e as Error).message }));
    } finally {
      growing.current = false;
    }
  }, [client, view.capped]);

  return { view, ensure, rowAt, indexOf, grow, locate, repin: useCallback(() => pinAt(true), [pinAt]), retry: useCallback(() => pinAt(false), [pinAt]) };
}
