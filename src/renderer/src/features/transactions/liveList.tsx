// One picture of the bench for the Transactions header and its list, so the two never disagree: the
// sessions the record holds open and the chargers, redrawn at most once a second (as a screen of many rows),
// with the transactions' version the list is read at. Right after a session starts or stops, the list is read
// again; until then its rows the picture no longer holds open (or not yet) say they are being updated
// instead of Active with Stop, and the rule of what runs (components/running) is read from the picture alone.
import { useEffect, useState } from 'react';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { LIST_REFRESH_MS, useBench, type BenchState } from '../../stores/bench';
import type { TransactionView } from '../../../../shared/api/views';

/** What the header counts and the list's rows are checked against, taken together from the bench's store. */
export interface TransactionsLive extends Pick<BenchState, 'activeTransactions' | 'chargers'> {
  /** The transactions' version (bumped as sessions start and stop), or -1 before the bench's state was read. */
  transactionsVersion: number;
}

const pick = (s: BenchState): TransactionsLive => ({ activeTransactions: s.activeTransactions, chargers: s.chargers, transactionsVersion: s.loaded ? s.transactionsVersion : -1 });
const same = (a: TransactionsLive, b: TransactionsLive) => a.activeTransactions === b.activeTransactions && a.chargers === b.chargers && a.transactionsVersion === b.transactionsVersion;

/**
 * The picture, redrawn at most once a LIST_REFRESH_MS (as useThrottledBench); `given`: one a parent already
 * holds (the screen's header), used as it is so both read the very same one.
 */
export function useTransactionsLive(given?: TransactionsLive): TransactionsLive {
  const [value, setValue] = useState(() => pick(useBench.getState()));
  const own = given === undefined;
  useEffect(() => {
    if (!own) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const keep = (next: TransactionsLive) => setValue((v) => (same(v, next) ? v : next));
    const show = () => {
      timer = null;
      last = Date.now();
      keep(pick(useBench.getState()));
    };
    const off = useBench.subscribe((s, prev) => {
      if (timer || same(pick(s), pick(prev))) return;
      const wait = last + LIST_REFRESH_MS - Date.now();
      if (wait <= 0) show();
      else timer = setTimeout(show, wait);
    });
    // What changed between the first render and now.
    keep(pick(useBench.getState()));
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [own]);
  return given ?? value;
}

/** The sessions the list shows against the picture, as its rows are drawn. */
export interface ListAgainstLive {
  /** The sessions the rule of what runs is read from: the picture's open ones, and, while the list is current, its open ones the picture does not hold yet. */
  open: TransactionView[];
  /** While the list is read again: its rows held open that the picture does not hold open (they ended, or it has not caught up), by id. */
  updating: ReadonlySet<number>;
}

/** `pending`: the list was read at another version (or filter) than the picture's and is being read again (or reading it again failed: its rows are still not current). */
export function listAgainstLive(list: readonly TransactionView[], live: TransactionsLive, pending: boolean): ListAgainstLive {
  const open = new Map<number, TransactionView>();
  const updating = new Set<number>();
  for (const t of list) {
    if (!t.active || live.activeTransactions[t.transactionId]) continue;
    if (pending) updating.add(t.transactionId);
    else open.set(t.transactionId, t);
  }
  for (const t of Object.values(live.activeTransactions)) open.set(t.transactionId, t);
  return { open: [...open.values()], updating };
}

/** A row's state while the list is read again and the picture no longer holds it open: not Active, no Stop. */
export function UpdatingChip() {
  return (
    <Tooltip title="The bench has news of this session (it ended, or the list was read before it started) since the list was read: the list is being read again.">
      <Chip size="small" variant="outlined" label="Ended, updating" />
    </Tooltip>
  );
}
