// The commissionings list from the record's rows, never parsing each whole record (its steps, frames and session
// samples: hundreds of megabytes on the protocol thread) at each call: each verdict as its page gives it
// (shownVerdict), and its state in the words its page starts with: a commissioning whose latest run the bench's
// unexpected stop cut short (killed, crashed, lost power: the run never recorded its end) says so, with that run
// (lastRun), never "Not started". A row saved by an older rule of judging, or without what the summary keeps, is
// read whole once (once for both), and what was worked out is kept.
import type { CommissioningListItem, CommissioningVerdict } from '../../shared/api/commissioning';
import type { Bench } from '../core/bench';
import { JUDGING_RULE, shownVerdict, type StoredCommissioning } from './model';
import { listedState, type SiteSummaries } from './reports/site-summary';

type Commissionings = Bench['record']['commissionings'];
type ListedRow = ReturnType<Commissionings['list']>[number];

/** What the commissioning service knows beside the record. */
export interface ListLookups {
  /** The commissioning as the bench holds it now, if it holds it. */
  known(id: string): StoredCommissioning | undefined;
  /** Whether it is running now. */
  running(id: string): boolean;
}

export class ListedCommissionings {
  /** Verdicts of rows saved by an older rule of judging, judged again here (by id, with the row's updated_at), until the record keeps them. */
  private readonly rejudged = new Map<string, { updatedAt: string; verdict: CommissioningVerdict }>();

  constructor(
    private readonly record: () => Commissionings,
    private readonly summaries: SiteSummaries,
  ) {}

  list(q: { site?: string; chargerId?: string }, look: ListLookups): CommissioningListItem[] {
    return this.record()
      .list(q)
      .map((r) => {
        const read = once(() => this.record().get(r.id));
        const running = look.running(r.id);
        // How its latest run ended (a signed one is handed over, whatever it was).
        const lastRun = running || r.state === 'handedOver' ? undefined : (this.summaries.summary(r, look, read).lastRun ?? undefined);
        return {
          id: r.id,
          chargerId: r.chargerId,
          site: r.site,
          location: r.location,
          state: running ? 'running' : listedState(r.state, { lastRun }),
          verdict: this.verdict(r, look, read),
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          ...(lastRun && { lastRun }),
        };
      });
  }

  /**
   * A listed commissioning's verdict (the list and the site summary), as its page gives it (shownVerdict): a
   * signed one's as its row keeps it since signing; another's as judged when it was saved (the row's verdict),
   * or, saved by an older rule of judging (JUDGING_RULE), judged again from its whole record (`read`) once and kept.
   */
  verdict(r: Omit<ListedRow, 'summary'>, look: Pick<ListLookups, 'known'>, read = () => this.record().get(r.id)): CommissioningVerdict {
    if (r.state === 'handedOver') return r.verdict as CommissioningVerdict;
    const known = look.known(r.id);
    if (known) return shownVerdict(known);
    if ((r.judgedBy ?? 0) >= JUDGING_RULE) return r.verdict as CommissioningVerdict;
    const again = this.rejudged.get(r.id);
    if (again?.updatedAt === r.updatedAt) return again.verdict;
    // Read without keeping it among the service's known: a list of hundreds need not stay in memory.
    const c = read() as StoredCommissioning | null;
    if (!c) return r.verdict as CommissioningVerdict;
    const verdict = shownVerdict(c);
    this.rejudged.set(r.id, { updatedAt: r.updatedAt, verdict });
    this.record().judged(r.id, r.updatedAt, verdict, JUDGING_RULE);
    return verdict;
  }
}

/** `f` called at most once, its answer kept. */
function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) [value, done] = [f(), true];
    return value;
  };
}
