// A site's chargers side by side: the newest commissioning of each, its verdict, what failed and the offline
// policy found (compared only when at least two chargers were checked), and beside a newer one not signed,
// the charger's latest signed handover. What the summary shows of a commissioning is kept beside it at each save (summaryOf, migration
// 17), so a summary reads small columns, not each charger's whole record (its steps, frames and session
// samples: megabytes each) on the thread that answers the chargers. A row saved before is summarised from its
// record once, and kept; a commissioning the bench holds now is summarised as it is now. Its latest run is kept
// as it reads once not running: a run the bench's unexpected stop cut short never recorded its end, so each
// save keeps what reading it would say then (interrupted, when it was last heard from, during which step).
// The commissionings list reads it too (its state words).
import { BenchError } from '../../errors';
import type { CommissioningLastRun, CommissioningState, CommissioningVerdict, SiteSummary } from '../../../shared/api/commissioning';
import type { Bench } from '../../core/bench';
import { JUDGING_RULE, labelOf, lastRunOf, stateOf, type StoredCommissioning } from '../model';
import { judgedSteps } from '../config-end';

/** The record's commissionings, reached through the bench (commissioning never imports the store itself). */
type Commissionings = Bench['record']['commissionings'];
/** A commissioning's row as the site summary reads it: its list columns and what the summary shows of it (null: saved before it was kept). */
type SiteRow = ReturnType<Commissionings['ofSite']>[number];
type StoredSummary = NonNullable<SiteRow['summary']>;
/**
 * What the summary keeps of a commissioning: the store's columns, when its checks last ran and when it was
 * signed, and its latest run as read when it is not running (null: none; kept in the same JSON; a summary
 * kept without them is worked out again from its record once).
 */
export interface CommissioningSummary extends StoredSummary {
  checkedAt?: string | null;
  signedAt?: string | null;
  lastRun?: CommissioningLastRun | null;
}
/**
 * A kept summary with the times, and the latest run where it matters (see CommissioningSummary): one kept
 * without it (an earlier version) whose latest run has an end (checkedAt) was not cut short by an unexpected
 * stop of the bench; one with none may have been (or never ran), and a signed one's end may be its signing's
 * time (signing gives a run cut short that end, for its frames): their record is read once.
 */
const hasTimes = (s: CommissioningSummary, state: string): s is CommissioningSummary & { checkedAt: string | null; signedAt: string | null } =>
  s.checkedAt !== undefined && s.signedAt !== undefined && (s.lastRun !== undefined || (s.checkedAt !== null && state !== 'handedOver'));

/** The measurement of the offline step that names the policy found. */
const OFFLINE_POLICY_FOUND = 'When the back office is unreachable';

/** What the site summary shows of a commissioning (the steps as the configuration at the end judges them: a baseline key not kept fails the baseline). */
export function summaryOf(c: StoredCommissioning): CommissioningSummary {
  const offline = c.steps.find((s) => s.id === 'C7_OFFLINE')?.result?.measurements.find((m) => m.label === OFFLINE_POLICY_FOUND);
  return {
    rule: JUDGING_RULE,
    address: c.job.address,
    ...timesOf(c),
    offlinePolicy: offline?.value ?? null,
    failed: [
      ...judgedSteps(c)
        .filter((s) => s.result?.verdict === 'fail' || s.result?.verdict === 'error')
        .map((s) => s.title),
      ...c.checklist.filter((e) => e.result === 'notConform').map((e) => labelOf(e.id)),
    ],
  };
}

/**
 * When a commissioning's checks last ran (the latest run's end: a run still going has none yet) and when it was
 * signed; its latest run as read when not running (a run recorded as running: cut short by the bench's stop).
 * A run the bench's unexpected stop cut short never recorded its end (the finish its signing gives it, for its
 * frames, is the signing's time, not the checks'): none, its run says when the record last heard from it.
 */
function timesOf(c: StoredCommissioning) {
  const lastRun = lastRunOf(c) ?? null;
  return { checkedAt: checkedAtOf(lastRun, c.runs.at(-1)?.finishedAt ?? null), signedAt: c.handover?.signedAt ?? null, lastRun };
}

/** When the checks last ran, as kept (`kept`): none for a latest run cut short by the bench's unexpected stop (one kept before said the signing's time). */
const checkedAtOf = (lastRun: CommissioningLastRun | null | undefined, kept: string | null | undefined): string | null => (lastRun?.outcome === 'interrupted' ? null : (kept ?? null));

/** What the commissioning service knows beside the record. */
export interface SiteLookups {
  /** The commissioning as the bench holds it now, if it holds it (read before, or changed since). */
  known(id: string): StoredCommissioning | undefined;
  /** Whether it is running now. */
  running(id: string): boolean;
  /** Its verdict as the commissionings list gives it. */
  verdict(row: SiteRow): CommissioningVerdict;
  /** The bench's time now (when the summary is made). */
  now(): string;
}

export class SiteSummaries {
  /** Summaries of rows saved without one, worked out here (by id, with the row's updated_at) until the record keeps them. */
  private readonly summarised = new Map<string, { updatedAt: string; summary: CommissioningSummary }>();

  constructor(private readonly record: () => Commissionings) {}

  /** One site's chargers side by side (the newest commissioning of each charger); 404 for a site with none. */
  of(site: string, look: SiteLookups): SiteSummary {
    const rows = this.record().ofSite(site);
    if (rows.length === 0) throw new BenchError(404, `No commissioning at the site "${site}"`, { field: 'site' });
    const newest = new Map<string, SiteRow>();
    for (const r of rows) if (!newest.has(r.chargerId)) newest.set(r.chargerId, r);
    const lines = [...newest.values()].map((row) => ({ row, summary: this.summary(row, look) }));
    // Each charger's latest signed handover, shown beside a newer commissioning of it that is not signed.
    const signed = new Map<string, SiteRow>();
    for (const r of this.record().signedOfSite(site)) signed.set(r.chargerId, r);
    const chargers = lines.map(({ row, summary }) => {
      const known = look.known(row.id);
      const running = look.running(row.id);
      const interrupted = running ? undefined : summary.lastRun?.interrupted;
      const earlier = summary.signedAt ? undefined : signed.get(row.chargerId);
      const earlierAt = earlier && earlier.id !== row.id ? this.summary(earlier, look).signedAt : null;
      return {
        commissioningId: row.id,
        chargerId: row.chargerId,
        location: known?.job.location ?? row.location,
        state: running ? ('running' as const) : listedState(known ? stateOf(known) : row.state, summary),
        verdict: look.verdict(row),
        offlinePolicy: summary.offlinePolicy,
        failed: summary.failed,
        checkedAt: running ? null : checkedAtOf(summary.lastRun, summary.checkedAt),
        ...(interrupted && { interrupted }),
        signedAt: summary.signedAt ?? null,
        signedEarlier: earlier && earlierAt ? { commissioningId: earlier.id, location: look.known(earlier.id)?.job.location ?? earlier.location, signedAt: earlierAt } : null,
      };
    });
    const found = chargers.map((c) => c.offlinePolicy).filter((p) => p !== null);
    // Fewer than two checked: nothing is compared (offlinePolicyChecked says so).
    return { site, address: lines[0]!.summary.address, chargers, offlinePolicySame: new Set(found).size <= 1, offlinePolicyChecked: found.length, madeAt: look.now() };
  }

  /** A row's summary: as the bench holds it now, else as kept with the row, else from its whole record once (`read`: it). */
  summary(row: SiteRow, look: Pick<SiteLookups, 'known'>, read = () => this.record().get(row.id)): CommissioningSummary {
    const known = look.known(row.id);
    if (known) return summaryOf(known);
    // A signed commissioning's steps are judged as signed, whatever the rule.
    const kept: CommissioningSummary | null = row.summary;
    if (kept && hasTimes(kept, row.state) && (kept.rule >= JUDGING_RULE || row.state === 'handedOver')) return kept;
    const again = this.summarised.get(row.id);
    if (again?.updatedAt === row.updatedAt) return again.summary;
    const c = read() as StoredCommissioning | null;
    if (!c) return { rule: JUDGING_RULE, address: '', offlinePolicy: null, failed: [], checkedAt: null, signedAt: null, lastRun: null };
    // A signed one kept without the times keeps what it showed (judged as signed); only its times are added.
    const summary = kept && row.state === 'handedOver' ? { ...kept, ...timesOf(c) } : summaryOf(c);
    this.summarised.set(row.id, { updatedAt: row.updatedAt, summary });
    this.record().summarised(row.id, row.updatedAt, summary);
    return summary;
  }
}

/** A row's state when not running: one kept 'ready' through its first run (an earlier version did) has run. */
export const listedState = (state: string, summary: Pick<CommissioningSummary, 'lastRun'>): CommissioningState => (state === 'ready' && summary.lastRun ? 'finished' : state) as CommissioningState;
