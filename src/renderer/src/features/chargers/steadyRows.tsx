// What keeps the Chargers list's once-a-second redraw proportional to what changed (a thousand chargers,
// a few of them news each second): the order kept without sorting again while no charger's place in it
// can have moved, and the grid's cells drawn again only for the rows whose charger changed.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DataGrid, GridCell, gridFilteredTopLevelRowCountSelector, gridRowCountSelector, useGridApiRef, type DataGridProps, type GridCellProps, type GridValidRowModel } from '@mui/x-data-grid';
import { connectorConcern } from '../../../../shared/api/connector-errors';
import type { ChargerView } from '../../../../shared/api/views';

/** 0: a connector faulted; 1: one needs a look; 2: fine. */
export const concernRank = (c: ChargerView): number => {
  const levels = c.connectors.map(connectorConcern);
  return levels.includes('fault') ? 0 : levels.includes('warning') ? 1 : 2;
};

// The same order as `a.id.localeCompare(b.id)` (what localeCompare is defined as), without a collator made per comparison.
const compareIds = new Intl.Collator().compare;

/** Online first, and among them the ones that need a look, then by id. */
export const compareChargers = (a: ChargerView, b: ChargerView): number => Number(b.connected) - Number(a.connected) || concernRank(a) - concernRank(b) || compareIds(a.id, b.id);

/**
 * The chargers in list order. `previous` (the last order given) is kept, its chargers replaced by their
 * new views, when the same chargers are there and none changed what it is sorted by (online, connector
 * concern): then the order cannot have changed. The very same array when no charger changed at all.
 */
export function orderChargers(chargers: Record<string, ChargerView>, previous: readonly ChargerView[] | null): ChargerView[] {
  if (previous && previous.length === Object.keys(chargers).length) {
    const next: ChargerView[] = new Array<ChargerView>(previous.length);
    let changed = false;
    let kept = true;
    for (let i = 0; i < previous.length && kept; i++) {
      const was = previous[i];
      const now = chargers[was.id];
      if (now !== was) {
        changed = true;
        kept = !!now && now.connected === was.connected && (now.connectors === was.connectors || concernRank(now) === concernRank(was));
      }
      next[i] = now;
    }
    if (kept) return changed ? next : (previous as ChargerView[]);
  }
  return Object.values(chargers).sort(compareChargers);
}

/** An orderChargers that remembers the order it gave last (one per screen). */
export function chargerOrder(): (chargers: Record<string, ChargerView>) => ChargerView[] {
  let last: ChargerView[] | null = null;
  return (chargers) => (last = orderChargers(chargers, last));
}

/** The same object, or one with the very same fields. */
export const sameFields = (a: object, b: object): boolean => {
  if (a === b) return true;
  const ka = Object.keys(a) as Array<keyof typeof a>;
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
};

/**
 * The grid's own cell, drawn again only when what it is handed changed. Handed a new list of rows, the
 * grid builds a new node for every row (the same fields, a new object), and its cells take that as a
 * change: every cell in sight was drawn again once a second, though one row in ten had news. Compared by
 * its fields, the node no longer counts; a cell still follows the grid's state it reads itself
 * (selection, focus) and its row's new view.
 */
export const SteadyCell = memo(GridCell, (before: GridCellProps, after: GridCellProps) => {
  const keys = Object.keys(after) as Array<keyof GridCellProps>;
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((k) => (k === 'rowNode' ? sameFields(before.rowNode, after.rowNode) : Object.is(before[k], after[k])));
});

/** How many rows the grid shows after its filters (`shown`) of how many it holds (`total`). */
export type ShownCount = (shown: number, total: number) => void;

/**
 * A DataGrid whose new lists of rows do not count as new props. Any new prop is a new set of the grid's
 * props, which every row and cell reads: a new `rows` drew every cell in sight again, whatever changed. So
 * the grid keeps the rows it was first drawn with as its prop, and each later list is handed to it through
 * its API (setRows, the same as a new `rows`: its order, its rows), before the screen is painted.
 * `onShownCount` is told, as the grid itself counts them, how many rows its filters leave of how many (each
 * time it filters or sorts again: a new filter, or new rows).
 */
export const SteadyDataGrid = memo(function SteadyDataGrid<R extends GridValidRowModel>({ rows, onShownCount, ...props }: DataGridProps<R> & { rows: readonly R[]; onShownCount?: ShownCount }) {
  const apiRef = useGridApiRef();
  const [first] = useState(rows);
  const handed = useRef(rows);
  useLayoutEffect(() => {
    if (handed.current === rows || !apiRef.current) return;
    handed.current = rows;
    apiRef.current.setRows(rows as R[]);
  }, [apiRef, rows]);
  useEffect(() => {
    const api = apiRef.current;
    if (!api || !onShownCount) return;
    const tell = () => onShownCount(gridFilteredTopLevelRowCountSelector(apiRef), gridRowCountSelector(apiRef));
    tell();
    // Counted once filtered and sorted (new rows are filtered before they are sorted, and the count is of the sorted rows).
    const offFiltered = api.subscribeEvent('filteredRowsSet', tell);
    const offSorted = api.subscribeEvent('sortedRowsSet', tell);
    return () => {
      offFiltered();
      offSorted();
    };
  }, [apiRef, onShownCount]);
  return <DataGrid<R> {...props} apiRef={apiRef} rows={first} />;
}) as <R extends GridValidRowModel>(props: DataGridProps<R> & { rows: readonly R[]; onShownCount?: ShownCount }) => React.JSX.Element;
