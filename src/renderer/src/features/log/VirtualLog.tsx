// The log's rows: a keyboard-driven grid that renders only what is in sight, for a million frames.
// @tanstack/react-virtual follows the scroll area's size and scrolling, over blocks of rows (a million
// items would cost it a quarter of a second per change of length); as every row has the same height,
// the rows in sight follow from the offset. Browsers cap an element's height (Firefox near 17.9
// million px), so a longer list is drawn in a shorter scroll area whose offsets are scaled, with the
// wheel still scrolling row for row. However narrow (the frame's detail open beside it), the list keeps
// the time, charger, direction, kind and action of each row: the message id goes first, then the payload,
// then the date (the time of day stays, the full time in its tooltip).
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import Box from '@mui/material/Box';
import { alpha, type Theme } from '@mui/material/styles';
import CallMadeIcon from '@mui/icons-material/CallMade';
import CallReceivedIcon from '@mui/icons-material/CallReceived';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import type { MessageView } from '../../../../shared/api/views';
import { monoFont } from '../../app/theme';
import { ChargerBadges } from '../../components/ChargerBadges';
import { zoneLabel } from '../../components/format';
import { frameClock, frameTime, isFlagged, payloadPreview } from './frame';
import { highlight } from './Highlight';
import { isWarningNote } from '../../../../shared/api/frame-note';

export const ROW_HEIGHT = 32;
/** Below every browser's limit on an element's height. */
const MAX_SCROLL_PX = 15_000_000;
/** The virtualizer sees at most about this many items (blocks of rows). */
const MAX_BLOCKS = 20_000;
const OVERSCAN_ROWS = 6;
const BAND = 64;
const FETCH_EVERY_MS = 80;

export interface VirtualLogProps {
  count: number;
  /** The view's generation: rows are fetched again when it changes. */
  generation: number;
  rowAt: (i: number) => MessageView | undefined;
  /** Asks for rows first..last (inclusive) to be fetched. */
  ensure: (first: number, last: number) => void;
  /** Called when rows near the end are in sight (to count further). */
  onNearEnd?: () => void;
  showCharger: boolean;
  selected: number | null;
  onSelect: (index: number, by: 'keyboard' | 'pointer') => void;
  onOpen: (index: number) => void;
  /** The user scrolled away from the top (or back to it). */
  onAwayFromTop?: (away: boolean) => void;
  /** Bumped to scroll back to the top. */
  toTop: number;
  /** Bumped (`n`) to bring a row into view, in the middle of the list. */
  scrollTo?: { index: number; n: number };
  label: string;
  version: number;
  /** Ids of the frames picked (several at once, to copy or export). */
  picked: ReadonlySet<number>;
  /** Picks or unpicks a frame; `range` (Shift) picks every row from the last one picked. */
  onPick: (index: number, range: boolean) => void;
  /** The search text, marked where it occurs. */
  search?: string;
}

const kinds = { CALL: 'info', CALLRESULT: 'success', CALLERROR: 'error', INVALID: 'warning' } as const;

/**
 * What a list of this width shows. Time, direction, kind, action and (in a log of several chargers) the
 * charger always; as it narrows, the message id goes first, then the payload, then the date of the time.
 */
export interface Columns {
  charger: boolean;
  messageId: boolean;
  payload: boolean;
  /** The date with the time of day (else the time of day alone, the date in its tooltip). */
  fullTime: boolean;
}

/** Space between cells, and at either end of a row. */
const GAP = 8;

export function columnsFor(width: number, showCharger: boolean): Columns {
  // The narrowest each column is drawn (see template), with the gaps and padding around them.
  const need = (c: Columns) =>
    2 * GAP + 24 + (c.fullTime ? 210 : 116) + 20 + 90 + 120 + (c.charger ? 80 : 0) + (c.messageId ? 80 : 0) + (c.payload ? 160 : 0) + GAP * (4 + +c.charger + +c.messageId + +c.payload);
  const c: Columns = { charger: showCharger, messageId: true, payload: true, fullTime: true };
  if (need(c) > width) c.messageId = false;
  if (need(c) > width) c.payload = false;
  if (need(c) > width) c.fullTime = false;
  return c;
}

function template(c: Columns): string {
  return [
    '24px',
    c.fullTime ? '210px' : '116px',
    c.charger && 'minmax(80px, 130px)',
    '20px',
    '90px',
    c.payload || c.messageId ? 'minmax(120px, 190px)' : 'minmax(120px, 1fr)',
    c.messageId && (c.payload ? 'minmax(80px, 150px)' : 'minmax(80px, 1fr)'),
    c.payload && 'minmax(160px, 1fr)',
  ]
    .filter(Boolean)
    .join(' ');
}

const headers = (c: Columns) => ['Pick', 'Time', ...(c.charger ? ['Charger'] : []), 'Dir.', 'Kind', 'Action', ...(c.messageId ? ['Message id'] : []), ...(c.payload ? ['Payload'] : [])];

/**
 * The rows' looks, once for all of them: rows are plain elements with classes, as styling each row's
 * cells through sx would cost more than drawing them while scrolling fast.
 */
const rowStyles = (theme: Theme) => ({
  '& .row': {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: ROW_HEIGHT,
    display: 'grid',
    alignItems: 'center',
    columnGap: `${GAP}px`,
    padding: `0 ${GAP}px`,
    fontSize: 13,
    cursor: 'pointer',
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '& > div': { overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' },
  },
  '& .row.flagged': { backgroundColor: alpha(theme.palette.error.main, 0.05) },
  '& .row[aria-selected="true"]': { backgroundColor: alpha(theme.palette.primary.main, theme.palette.mode === 'dark' ? 0.24 : 0.12) },
  '& .mono': { fontFamily: monoFont, fontSize: 12 },
  '& .muted': { color: theme.palette.text.secondary },
  '& .icon': { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  '& .charger': { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), '& > span': { overflow: 'hidden', textOverflow: 'ellipsis' } },
  '& .kind': { padding: '2px 6px', borderRadius: Number(theme.shape.borderRadius) / 2, fontSize: 11, fontWeight: 600, letterSpacing: 0.2 },
  ...Object.fromEntries(Object.entries(kinds).map(([kind, colour]) => [`& .kind-${kind}`, { color: theme.palette[colour].main, backgroundColor: alpha(theme.palette[colour].main, 0.12) }])),
  '& .loading': { gridColumn: '1 / -1', color: theme.palette.text.disabled },
  '& .row.picked': { boxShadow: `inset 3px 0 0 ${theme.palette.primary.main}` },
  '& .pick': { display: 'flex', alignItems: 'center', justifyContent: 'center', '& input': { margin: 0, width: 16, height: 16, cursor: 'pointer' } },
  '& mark': { backgroundColor: alpha(theme.palette.warning.main, 0.45), color: 'inherit', borderRadius: 2, padding: '0 1px' },
});

const Row = memo(function Row({
  m,
  index,
  top,
  selected,
  grid,
  cols,
  onPointer,
  picked,
  onPick,
  search,
}: {
  m: MessageView | undefined;
  index: number;
  top: number;
  selected: boolean;
  grid: string;
  cols: Columns;
  onPointer: (i: number) => void;
  picked: boolean;
  onPick: (i: number, range: boolean) => void;
  search?: string;
}) {
  return (
    <div
      role="row"
      id={`log-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={['row', m && isFlagged(m) && 'flagged', picked && 'picked'].filter(Boolean).join(' ')}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: grid }}
      onClick={() => onPointer(index)}
    >
      {m ? (
        <>
          <div role="gridcell" className="pick" onClick={(e) => e.stopPropagation()}>
            <input
              type="checkbox"
              checked={picked}
              aria-label={`Pick frame ${m.id} (${m.action ?? m.kind})`}
              onChange={(e) => onPick(index, (e.nativeEvent as MouseEvent).shiftKey === true)}
              tabIndex={-1}
            />
          </div>
          <div role="gridcell" className="mono" title={cols.fullTime ? undefined : frameTime(m.ts)}>
            {cols.fullTime ? frameTime(m.ts) : frameClock(m.ts)}
          </div>
          {cols.charger && (
            <div role="gridcell" className="charger" title={m.chargerId}>
              <span>{m.chargerId}</span>
              <ChargerBadges chargerId={m.chargerId} compact />
            </div>
          )}
          <div role="gridcell" className="icon" title={m.direction === 'in' ? 'Received from the charger' : 'Sent to the charger'}>
            {m.direction === 'in' ? (
              <CallReceivedIcon fontSize="small" color="info" aria-label="Received from the charger" />
            ) : (
              <CallMadeIcon fontSize="small" color="secondary" aria-label="Sent to the charger" />
            )}
          </div>
          <div role="gridcell">
            <span className={`kind kind-${m.kind}`}>{m.kind}</span>
          </div>
          <div role="gridcell" className="icon" title={m.error ?? undefined}>
            {m.error && <WarningAmberIcon fontSize="inherit" color={isWarningNote(m.error) ? 'warning' : 'error'} aria-label="Flagged" />}
            <span>{m.action ? highlight(m.action, search) : '—'}</span>
          </div>
          {cols.messageId && (
            <div role="gridcell" className="mono" title={m.messageId ?? undefined}>
              {m.messageId ? highlight(m.messageId, search) : '—'}
            </div>
          )}
          {cols.payload && (
            <div role="gridcell" className="mono muted">
              {highlight(payloadPreview(m, 240, search), search)}
            </div>
          )}
        </>
      ) : (
        <div role="gridcell" className="loading">
          Loading…
        </div>
      )}
    </div>
  );
});

export function VirtualLog(props: VirtualLogProps) {
  const { count, rowAt, ensure, showCharger, selected, onSelect, onOpen, generation, version, onNearEnd, onAwayFromTop, toTop, picked, onPick, search } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const virtualHeight = count * ROW_HEIGHT;
  const physicalHeight = Math.min(virtualHeight, MAX_SCROLL_PX);
  // Physical scrollTop × ratio = offset in the full list; the bottom of each maps to the other's bottom.
  const ratio = useCallback(() => {
    const h = scrollRef.current?.clientHeight ?? 0;
    return virtualHeight > physicalHeight && physicalHeight > h ? (virtualHeight - h) / (physicalHeight - h) : 1;
  }, [virtualHeight, physicalHeight]);

  // The virtualizer re-renders this as the scroll area scrolls or resizes; the offset into the list
  // is read from the scroll area itself, as the scale changes with the length.
  const blockRows = Math.max(1, Math.ceil(count / MAX_BLOCKS));
  const blocks = Math.ceil(count / blockRows);
  const virtualizer = useVirtualizer({
    count: blocks,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => Math.min(blockRows, count - i * blockRows) * ROW_HEIGHT,
    overscan: 0,
  });
  const offset = (scrollRef.current?.scrollTop ?? 0) * ratio();
  // The rows' width: the scroll area's, less its scroll bar.
  const width = scrollRef.current?.clientWidth || virtualizer.scrollRect?.width || 1200;
  // One object per set of columns, so rows re-render only when the set changes.
  const colKey = JSON.stringify(columnsFor(width, showCharger));
  const cols = useMemo(() => JSON.parse(colKey) as Columns, [colKey]);
  const grid = useMemo(() => template(cols), [cols]);
  const viewport = virtualizer.scrollRect?.height ?? scrollRef.current?.clientHeight ?? 0;
  const physicalTop = offset / ratio();
  const firstVisible = Math.floor(offset / ROW_HEIGHT);
  const lastVisible = Math.min(count - 1, Math.floor((offset + viewport) / ROW_HEIGHT));

  // The rows in sight, and a few either side.
  const rows: number[] = [];
  for (let i = Math.max(0, firstVisible - OVERSCAN_ROWS); i <= Math.min(count - 1, lastVisible + OVERSCAN_ROWS); i++) rows.push(i);

  // Fetch what is in sight: at once, and while the list is dragged through, at most every 80 ms.
  const scrolling = virtualizer.isScrolling;
  const lastFetch = useRef(0);
  useEffect(() => {
    if (!count) return;
    const first = Math.max(0, firstVisible - OVERSCAN_ROWS);
    const last = Math.min(count - 1, lastVisible + OVERSCAN_ROWS);
    const fetch = () => {
      lastFetch.current = performance.now();
      ensure(first, last);
    };
    if (onNearEnd && last >= count - 200) onNearEnd();
    const wait = scrolling ? lastFetch.current + FETCH_EVERY_MS - performance.now() : 0;
    if (wait <= 0) return void fetch();
    const t = setTimeout(fetch, wait);
    return () => clearTimeout(t);
  }, [firstVisible, lastVisible, count, generation, ensure, scrolling, onNearEnd]);

  const away = offset > ROW_HEIGHT * 2;
  useEffect(() => onAwayFromTop?.(away), [away, onAwayFromTop]);

  const scrollToVirtual = useCallback(
    (target: number) => {
      const el = scrollRef.current;
      if (el) el.scrollTop = target / ratio();
    },
    [ratio],
  );

  useLayoutEffect(() => {
    if (toTop && scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [toTop]);

  const bringTo = props.scrollTo;
  useLayoutEffect(() => {
    if (!bringTo?.n) return;
    const h = scrollRef.current?.clientHeight ?? 0;
    scrollToVirtual(Math.max(0, bringTo.index * ROW_HEIGHT - Math.max(0, (h - ROW_HEIGHT) / 2)));
  }, [bringTo?.n]); // eslint-disable-line react-hooks/exhaustive-deps

  // The wheel scrolls rows at their usual pace, however long the list (a touchpad's small steps are
  // added up, as the scroll area moves by whole pixels).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let carry = 0;
    const onWheel = (e: WheelEvent) => {
      const r = ratio();
      if (r === 1 || e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? el.clientHeight : 1;
      carry += (e.deltaY * unit) / r;
      const step = Math.trunc(carry);
      carry -= step;
      el.scrollTop += step;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [ratio]);

  // Keeps the row the keyboard moves to in sight (only then: not as the user scrolls away from it, nor
  // when the selected frame has another place in a new view of the log, which starts at its top).
  const reveal = (i: number) => {
    const top = i * ROW_HEIGHT;
    if (top < offset) scrollToVirtual(top);
    else if (top + ROW_HEIGHT > offset + viewport) scrollToVirtual(top + ROW_HEIGHT - viewport);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!count) return;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const from = selected ?? firstVisible - 1;
    const go = (i: number) => {
      e.preventDefault();
      const to = Math.max(0, Math.min(count - 1, i));
      onSelect(to, 'keyboard');
      reveal(to);
    };
    switch (e.key) {
      case 'ArrowDown':
        return go(from + 1);
      case 'ArrowUp':
        return go(selected === null ? firstVisible : from - 1);
      case 'PageDown':
        return go(from + page);
      case 'PageUp':
        return go(from - page);
      case 'Home':
        return go(0);
      case 'End':
        return go(count - 1);
      case 'x':
      case 'X':
        // Picks the selected frame for copying or export, as the checkbox does.
        if (selected !== null) {
          e.preventDefault();
          onPick(selected, e.shiftKey);
        }
        return;
      case 'Enter':
      case ' ':
        if (selected !== null) {
          e.preventDefault();
          onOpen(selected);
        }
    }
  };

  const onPointer = useCallback(
    (i: number) => {
      onSelect(i, 'pointer');
      onOpen(i);
      gridRef.current?.focus({ preventScroll: true });
    },
    [onSelect, onOpen],
  );

  void version;
  // Rows sit in a band placed where the view is; within it they move only every BAND rows, so most
  // rows keep their props (and skip rendering) while scrolling.
  const base = rows.length ? rows[0] - (rows[0] % BAND) : 0;
  return (
    <Box
      role="grid"
      aria-label={props.label}
      aria-rowcount={count + 1}
      aria-colcount={headers(cols).length}
      tabIndex={0}
      aria-activedescendant={selected !== null && rows.includes(selected) ? `log-row-${selected}` : undefined}
      onKeyDown={onKeyDown}
      ref={gridRef}
      sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, minWidth: 0, outline: 'none', '&:focus-visible': { boxShadow: (t) => `inset 0 0 0 2px ${t.palette.primary.main}` } }}
    >
      <Box role="rowgroup">
        <Box
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: grid }}
          sx={{
            display: 'grid',
            columnGap: `${GAP}px`,
            px: `${GAP}px`,
            height: ROW_HEIGHT,
            alignItems: 'center',
            fontSize: 12,
            fontWeight: 600,
            color: 'text.secondary',
            borderBottom: 1,
            borderColor: 'divider',
          }}
        >
          {headers(cols).map((h) =>
            h === 'Pick' ? (
              <Box key={h} role="columnheader" aria-label="Picked" />
            ) : (
              <Box
                key={h}
                role="columnheader"
                title={h === 'Time' ? `${cols.fullTime ? 'Local time' : 'Local time of day (the date is in the tooltip of each time)'}, ${zoneLabel()}; exports write UTC` : undefined}
              >
                {h === 'Time' ? `Time (${zoneLabel()})` : h}
              </Box>
            ),
          )}
        </Box>
      </Box>
      <Box ref={scrollRef} role="rowgroup" data-testid="log-rows" sx={[{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden', position: 'relative' }, rowStyles]}>
        <Box style={{ height: physicalHeight }} sx={{ position: 'relative' }}>
          <Box style={{ transform: `translateY(${physicalTop + base * ROW_HEIGHT - offset}px)` }} sx={{ position: 'absolute', left: 0, right: 0, top: 0 }}>
            {rows.map((i) => (
              <Row
                key={i}
                m={rowAt(i)}
                index={i}
                top={(i - base) * ROW_HEIGHT}
                selected={i === selected}
                grid={grid}
                cols={cols}
                onPointer={onPointer}
                picked={picked.has(rowAt(i)?.id ?? -1)}
                onPick={onPick}
                search={search}
              />
            ))}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
