// The charger offline during a commissioning's test session (the virtual charger's `offline` fault, switched
// on at the session's first meter values), on fake time: the step's result notes each outage in words (when
// it dropped, when it came back or that it did not, how long), as the checks step and the report show it.
// A short outage the session goes on through keeps the verdict; a charger that does not come back leaves
// the session unmeasured: inconclusive, saying so.
import { describe, expect, it } from 'vitest';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';

/** A time in a note: as the report writes it, with its zone, on this run's fake (simulated) clock. */
const noteTime = (ms: number) => `${formatDateTimeWithZone(ms)} (simulated clock)`;
import { esc } from '../../../src/main/conformance/reports/html';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const ID = 'OUTAGE-1';
const tb = useCommissioningBench('outage', ID, { connectors: 2 });

// Meter values every 60 s: a 180 s session takes them for three intervals.
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Outage', sessionSeconds: 180 });
const job = SiteJob.parse({ site: 'Depot Süd', address: 'Weg 2', location: 'Bay 9', installer: 'A. Person', company: '', customer: '' });
const svc = () => tb.bench.commissioning;
const session = (v: CommissioningView) => v.steps.find((s) => s.id === 'C8_SESSION')!.result!;
const notes = (v: CommissioningView) => session(v).observations.filter((o) => o.note);

/** Runs the test session step with the charger going offline for `seconds` (0: until switched off) at the session's first meter values. */
async function sessionWithOutage(seconds: number): Promise<{ view: CommissioningView; html: string; droppedAt: number }> {
  const vcp = tb.bench.virtualChargers.charger(ID);
  const c = await svc().create({ chargerId: ID, job, template });
  let droppedAt = NaN;
  const off = tb.bench.bus.subscribe((e) => {
    if (!Number.isNaN(droppedAt) || e.type !== 'frameLogged' || e.message.chargerId !== ID || e.message.kind !== 'CALL' || e.message.action !== 'MeterValues') return;
    if ((JSON.parse(e.message.raw) as [number, string, string, { transactionId?: number }])[3].transactionId === undefined) return;
    droppedAt = tb.bench.clock.now();
    vcp.setFaults({ offline: true, offlineSeconds: seconds });
  });
  try {
    svc().run(c.id, ['C8_SESSION']);
    await svc().settled(c.id);
  } finally {
    off();
    vcp.setFaults({ offline: false });
  }
  await virtualTarget(tb.bench, ID);
  const view = svc().get(c.id);
  return { view, html: String((await svc().file(c.id, 'report.html')).body), droppedAt };
}

describe('the charger offline during the test session', () => {
  it('notes a short outage the session goes on through (when, how long), keeps the verdict, and the report shows it', async () => {
    const { view, html, droppedAt } = await sessionWithOutage(30);
    expect(droppedAt).not.toBeNaN();
    const r = session(view);
    if (r.verdict !== 'pass') console.log(r.verdict, r.reason, r.steps.map((s) => `${s.n} ${s.status} ${s.title} ${s.actual ?? ''}`).join(' | '));
    expect(r.verdict).toBe('pass');
    expect(notes(view)).toHaveLength(1);
    const [note] = notes(view);
    expect(note!.text).toMatch(/^The charger was offline for 3\d s during the session \((.+) to (.+)\); meter values from that time may be missing\.$/);
    // From when it dropped (on the run's clock) to when it was back, half a minute later.
    expect(note!.text).toContain(`(${noteTime(droppedAt)} to `);
    expect(Date.parse(note!.at)).toBeGreaterThanOrEqual(droppedAt);
    expect(Date.parse(note!.at)).toBeLessThan(droppedAt + 5000);
    // The session was measured all the same: the readings taken while offline came when the charger was back.
    expect(view.session!.energyWh!).toBeGreaterThan(0);
    expect(html).toContain(`<p class="note"><b>Note:</b> ${esc(note!.text)}</p>`);
  }, 120_000);

  it('says the session could not be measured when the charger does not come back before the step ends (inconclusive), and notes it', async () => {
    const { view, html, droppedAt } = await sessionWithOutage(0);
    const r = session(view);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      new RegExp(
        `^The charger went offline at ${noteTime(droppedAt).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(during the session\\) and had not come back 2 min 1\\d s later, when the step gave up: the test session could not be measured\\. Check the charger's network connection \\(and its power\\), then Run again\\.$`,
      ),
    );
    expect(notes(view).map((o) => o.text)).toEqual([
      expect.stringMatching(
        /^The charger went offline at .+, during the session, and had not come back when the step ended at .+ \(2 min 1\d s later\); meter values, the stop and the energy of the session from that time on are missing\.$/,
      ),
    ]);
    // Not a failure of the charger's charging: the commissioning is incomplete until the step is run again.
    expect(view.verdict).toBe('incomplete');
    expect(view.open).toContain(`Test session is inconclusive: ${r.reason}`);
    expect(html).toContain(esc(r.reason!));
    expect(html).toContain(`<p class="note"><b>Note:</b> ${esc(notes(view)[0]!.text)}</p>`);
  }, 120_000);
});
