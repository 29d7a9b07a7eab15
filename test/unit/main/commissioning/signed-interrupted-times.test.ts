// A commissioning signed after its last run was cut short by the bench stopping unexpectedly (killed, crashed,
// lost power): when its checks last ran is never the signing's time (the finish the signing gives the run, for
// its frames, is not the checks'). What a save keeps for the site summary, the summary's JSON and its HTML page
// agree: no end, the run cut short, when the record last heard from it; a summary an earlier version kept with
// the signing's time reads so too.
import { describe, expect, it } from 'vitest';
import { endedAtSigning, JUDGING_RULE, type StoredCommissioning } from '../../../../src/main/commissioning/model';
import { SiteSummaries, summaryOf, type CommissioningSummary } from '../../../../src/main/commissioning/reports/site-summary';
import { siteSummaryHtml } from '../../../../src/main/commissioning/reports/site';
import { reportTime } from '../../../../src/main/commissioning/reports/print';
import { esc } from '../../../../src/main/conformance/reports/html';
import type { CommissioningStep } from '../../../../src/shared/api/commissioning';
import { RUN_START, storedCommissioning } from '../../../helpers/stored-commissioning';

const HEARD = '2026-01-01T10:03:00.000Z';
const SIGNED = '2026-01-01T11:30:00.000Z';
const steps = ['C3_IDENTITY', 'C6_READER'].map((id) => ({ id, title: id, section: '', result: null, attempts: 0 })) as CommissioningStep[];

/** Cut short during C6_READER (last heard at HEARD), then signed at SIGNED as the service signs it. */
function signedCutShort(): StoredCommissioning {
  const c = storedCommissioning({ steps, run: { finishedAt: null, outcome: 'running', heard: { at: HEARD, begun: 'C6_READER', ended: 'C3_IDENTITY' } } });
  c.handover = { installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'B. Kunde', acknowledged: true }, notes: '', signedAt: SIGNED, verdict: 'incomplete' };
  c.state = 'handedOver';
  c.runs = endedAtSigning(c, SIGNED);
  return c;
}

/** A site summary over one row (its kept summary `kept`), the bench holding no commissioning itself; `summarised`: a summary the record is given to keep. */
function siteOf(c: StoredCommissioning, kept: CommissioningSummary, summarised: (s: CommissioningSummary) => void = () => undefined) {
  const row = {
    id: c.id,
    chargerId: c.chargerId,
    site: 'Depot',
    location: 'Bay 1',
    state: 'handedOver',
    verdict: 'incomplete',
    judgedBy: JUDGING_RULE,
    createdAt: RUN_START,
    updatedAt: SIGNED,
    summary: kept,
  };
  const record = { ofSite: () => [row], signedOfSite: () => [row], get: () => c, summarised: (_id: string, _at: string, s: CommissioningSummary) => summarised(s) };
  const look = { known: () => undefined, running: () => false, verdict: () => 'incomplete' as const, now: () => SIGNED };
  return new SiteSummaries(() => record as never).of('Depot', look);
}

describe('a commissioning signed after its last run was cut short by the bench stopping unexpectedly', () => {
  it('keeps no end of its checks for the site summary, never the signing time', () => {
    const c = signedCutShort();
    expect(c.runs[0]!.finishedAt).toBe(SIGNED); // the run's frames end at the signing
    const s = summaryOf(c);
    expect(s.checkedAt).toBeNull();
    expect(s.signedAt).toBe(SIGNED);
    expect(s.lastRun).toMatchObject({ outcome: 'interrupted', finishedAt: null, interrupted: { lastHeardAt: HEARD, during: 'C6_READER' } });
  });

  it('the site summary (its JSON) and its HTML page say it was cut short and when it was last heard from', () => {
    const c = signedCutShort();
    const site = siteOf(c, summaryOf(c));
    expect(site.chargers[0]).toMatchObject({ state: 'handedOver', checkedAt: null, signedAt: SIGNED, interrupted: { lastHeardAt: HEARD } });
    const html = siteSummaryHtml(site);
    expect(html).toContain(esc(`the record last heard from the run at ${reportTime(HEARD)}`));
  });

  it('a summary kept with the signing time as when the checks ran (an earlier version did) reads without it', () => {
    const c = signedCutShort();
    const site = siteOf(c, { ...summaryOf(c), checkedAt: SIGNED });
    expect(site.chargers[0]!.checkedAt).toBeNull();
    expect(site.chargers[0]!.interrupted).toMatchObject({ lastHeardAt: HEARD });
  });

  it('a signed summary kept before its latest run was (an earlier version) reads its record once, never the signing time', () => {
    const c = signedCutShort();
    const { lastRun: _, ...withoutRun } = summaryOf(c);
    for (const checkedAt of [SIGNED, null]) {
      const kept: string[] = [];
      const site = siteOf(c, { ...withoutRun, checkedAt }, (s) => kept.push(s.lastRun?.outcome ?? 'none'));
      expect(site.chargers[0]).toMatchObject({ state: 'handedOver', checkedAt: null, signedAt: SIGNED, interrupted: { lastHeardAt: HEARD } });
      expect(siteSummaryHtml(site)).toContain(esc(`the record last heard from the run at ${reportTime(HEARD)}`));
      expect(kept).toEqual(['interrupted']); // the record keeps it, with its latest run, from then on
    }
  });

  it('a run that ended keeps its own end as when the checks ran, signed later', () => {
    const c = storedCommissioning({ steps });
    c.handover = { installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'B. Kunde', acknowledged: true }, notes: '', signedAt: SIGNED, verdict: 'incomplete' };
    c.state = 'handedOver';
    c.runs = endedAtSigning(c, SIGNED);
    expect(summaryOf(c).checkedAt).toBe('2026-01-01T10:09:00.000Z');
    expect(siteOf(c, summaryOf(c)).chargers[0]!.checkedAt).toBe('2026-01-01T10:09:00.000Z');
  });
});
