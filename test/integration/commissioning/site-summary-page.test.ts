// The site summary page says each charger's state in the UI's words (not the record's codes), when its
// checks last ran and when it was signed, and when the summary itself was made, each time with its zone.
import { expect, it, vi } from 'vitest';
import { builtInTemplates, CommissioningTemplate, commissioningStateWords, Handover, SiteJob } from '../../../src/shared/api/commissioning';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';
import { esc } from '../../../src/main/conformance/reports/html';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'SITEPAGE-1';
const tb = useCommissioningBench('site-summary-page', CP, 300);

const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Site page' });
const job = (location: string) => SiteJob.parse({ site: 'Depot Seite', address: 'Weg 1', location, installer: 'A. Person', customer: 'Stadtwerke' });
const cells = (page: string) => [...page.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);

it('names the state as the UI does, with when each charger was checked and signed, and when the summary was made', async () => {
  const { bench } = tb;
  // Bay 1: checked, not handed over; then (the newest of the charger) Bay 2: checked and signed.
  const first = (await bench.commissioning.create({ chargerId: CP, job: job('Bay 1'), template })).id;
  bench.commissioning.run(first, ['C4_CONNECTORS']);
  await bench.commissioning.settled(first);
  let summary = bench.commissioning.site('Depot Seite');
  const checked = bench.commissioning.get(first).lastRun!.finishedAt!;
  expect(summary.chargers[0]).toMatchObject({ state: 'finished', checkedAt: checked, signedAt: null });
  let page = String(bench.commissioning.siteSummary('Depot Seite').body);
  expect(cells(page)).toContain(commissioningStateWords.finished);
  expect(cells(page)).not.toContain('finished');
  expect(page).toContain(`<td>${esc(formatDateTimeWithZone(checked))}</td><td>not signed</td>`);
  expect(page).toMatch(new RegExp(`made ${esc(formatDateTimeWithZone(summary.madeAt)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ·`));
  expect(summary.madeAt).toBe(new Date(bench.clock.now()).toISOString());

  const signed = await bench.commissioning.handover(first, Handover.parse({ installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'B. Kunde', acknowledged: true }, notes: '' }));
  summary = bench.commissioning.site('Depot Seite');
  expect(summary.chargers[0]).toMatchObject({ state: 'handedOver', signedAt: signed.handover!.signedAt });
  page = String(bench.commissioning.siteSummary('Depot Seite').body);
  expect(cells(page)).toContain('Handed over');
  expect(cells(page)).not.toContain('handedOver');
  expect(page).toContain(`<td>${esc(formatDateTimeWithZone(signed.handover!.signedAt))}</td>`);
  expect(page).toContain('<th>Checks last ran</th><th>Signed</th>');
}, 60_000);

it('keeps the times with the row: after a restart the summary gives them without the commissioning in memory', async () => {
  const before = tb.bench.commissioning.site('Depot Seite').chargers[0]!;
  const bench = await tb.restart();
  const get = vi.spyOn(bench.record.commissionings, 'get');
  try {
    const after = bench.commissioning.site('Depot Seite').chargers[0]!;
    expect(after).toMatchObject({ state: 'handedOver', checkedAt: before.checkedAt, signedAt: before.signedAt });
    expect(after.signedAt).not.toBeNull();
    // From what the row keeps: no whole record read.
    expect(get).not.toHaveBeenCalled();
  } finally {
    get.mockRestore();
  }
}, 60_000);
