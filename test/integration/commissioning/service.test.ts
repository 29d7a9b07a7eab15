// Commissioning as the faces drive it, against built-in virtual chargers on fake time: create, run every
// step, the checklist, a photo, the handover and the reports; a step run again; the handover is final;
// photos are checked; the site summary; the twins (offline on reset, a load limit overridden); and the
// REST face naming the field at fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { ApiServer } from '../../../src/main/api-server/server';
import { BenchError } from '../../../src/main/errors';
import { builtInTemplates, checklistItems, CommissioningTemplate, Handover, SiteJob, type CommissioningView, type HandoverInput } from '../../../src/shared/api/commissioning';
import type { BenchEvent } from '../../../src/shared/api/views';

let bench: Bench;
let dataDir: string;
let api: ApiServer;
let origin: string;
const events: BenchEvent[] = [];
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-commissioning-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  bench.bus.subscribe((e) => events.push(e));
  await virtualTarget(bench, 'DEPOT-1', 2);
  await virtualTarget(bench, 'DEPOT-2', 2);
  api = new ApiServer(bench, { host: '127.0.0.1', port: 0, token: 't' });
  origin = `http://127.0.0.1:${(await api.start()).port}`;
}, 60_000);
afterAll(async () => {
  await api.stop();
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const rest = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${origin}${path}`, { method, headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer()) } as { status: number; headers: Headers; body: any };
};

// 16 A on 3 phases: 11,040 W, under the virtual charger's 22 kW.
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Depot AC', sessionSeconds: 120, loadLimit: { limit: 16, unit: 'A', phases: 3 } });
const job = (location: string) => SiteJob.parse({ site: 'Depot Nord', address: 'Hafenstr. 1', location, installer: 'A. Person', company: 'Elektro GmbH', customer: 'Stadtwerke' });
const svc = () => bench.commissioning;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const handover: HandoverInput = {
  installer: { name: 'A. Person', kind: 'drawn', image: `data:image/png;base64,${PNG.toString('base64')}` },
  customer: { name: 'B. Kunde', acknowledged: true, signature: { name: 'B. Kunde', kind: 'typed' } },
  notes: 'Handed over on site',
};
const allConform = () => checklistItems.map((i) => ({ id: i.id, result: 'conform' as const, value: i.unit ? '1' : '', note: '' }));

async function runAndWait(id: string, steps?: string[]): Promise<CommissioningView> {
  svc().run(id, steps);
  await svc().settled(id);
  return svc().get(id);
}

const step = (v: CommissioningView, id: string) => v.steps.find((s) => s.id === id)!;
const verdicts = (v: CommissioningView) => Object.fromEntries(v.steps.map((s) => [s.id, s.result?.verdict ?? null]));

describe('a commissioning end to end', () => {
  let first: CommissioningView;

  it('runs every step on a good charger: all pass, with the session under the load limit', async () => {
    const created = await svc().create({ chargerId: 'DEPOT-1', job: job('Bay 1'), template });
    expect(created).toMatchObject({ state: 'ready', verdict: 'incomplete', steps: expect.arrayContaining([expect.objectContaining({ id: 'C10_LOAD_LIMIT', result: null, attempts: 0 })]) });
    expect(svc().sites()[0]).toMatchObject({ site: 'Depot Nord', installer: 'A. Person' });
    first = await runAndWait(created.id);
    for (const s of first.steps) if (s.result?.verdict !== 'pass') console.log(s.id, s.result?.verdict, s.result?.reason);
    expect(verdicts(first)).toEqual(Object.fromEntries(first.steps.map((s) => [s.id, 'pass'])));
    expect(first.state).toBe('finished');
    expect(first.identity.vendor).toBe('ChargeBench');
    expect(first.configBefore).toMatchObject({ MeterValueSampleInterval: expect.any(String) });
    expect(first.configAfter).toMatchObject({ MeterValueSampleInterval: '60' });
    expect(first.session!.limitW).toBe(11_040);
    expect(first.session!.samples.length).toBeGreaterThanOrEqual(2);
    // The session's energy from meterStart to meterStop, kept with it.
    expect(first.session).toMatchObject({ transactionId: expect.any(Number), meterStartWh: expect.any(Number), meterStopWh: expect.any(Number) });
    expect(first.session!.energyWh).toBe(first.session!.meterStopWh! - first.session!.meterStartWh!);
    expect(first.session!.energyWh!).toBeGreaterThan(0);
    expect(first.lastRun).toMatchObject({ outcome: 'finished', stoppedIn: null });
    expect(first.stepCounts).toEqual({ pass: 10, fail: 0, error: 0, inconclusive: 0, notApplicable: 0, notRun: 0 });
    const power = first.session!.samples.map((s) => s.powerW ?? 0);
    expect(Math.max(...power)).toBeGreaterThan(1000);
    expect(Math.max(...power)).toBeLessThanOrEqual(11_040);
    // The steps are done; the checklist is not: incomplete, and it says what is left.
    expect(first.verdict).toBe('incomplete');
    expect(first.open).toContain('Earth resistance not checked');
    const changed = events.filter((e) => e.type === 'commissioningChanged' && e.commissioning.id === created.id);
    expect(changed.some((e) => e.type === 'commissioningChanged' && e.commissioning.running?.stepId === 'C8_SESSION')).toBe(true);
  }, 120_000);

  it('takes the checklist and a photo, then the handover with the verdict at signing', async () => {
    const partial = await svc().setChecklist(first.id, [{ id: 'earthResistance', result: 'notConform', value: '210', note: 'too high' }]);
    expect(partial.checklist.find((e) => e.id === 'earthResistance')).toMatchObject({ result: 'notConform', value: '210' });
    expect(partial.open).toContain('Earth resistance not conform: too high');
    const done = await svc().setChecklist(first.id, allConform());
    expect(done.verdict).toBe('pass');
    expect(done.open).toEqual([]);
    const photo = await svc().addPhoto({ id: first.id, name: 'wallbox.png', contentType: 'image/png', dataBase64: PNG.toString('base64'), caption: 'Wallbox mounted' });
    expect(photo).toMatchObject({ bytes: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    expect(svc().photo(first.id, photo.id).data.equals(PNG)).toBe(true);
    const signed = await svc().handover(first.id, handover as never);
    expect(signed).toMatchObject({ state: 'handedOver', verdict: 'pass', handover: { verdict: 'pass', customer: { name: 'B. Kunde' } } });
  });

  it('is final after the handover: changes are refused with 409 saying so', async () => {
    const refused = async (fn: () => unknown) => {
      try {
        await fn();
      } catch (e) {
        return e as BenchError;
      }
      throw new Error('not refused');
    };
    for (const attempt of [
      () => svc().setChecklist(first.id, allConform()),
      () => svc().addPhoto({ id: first.id, name: 'x.png', contentType: 'image/png', dataBase64: PNG.toString('base64'), caption: '' }),
      () => svc().run(first.id),
      () => svc().handover(first.id, handover as never),
    ]) {
      const e = await refused(attempt);
      expect([e.status, e.message]).toEqual([409, expect.stringContaining('was handed over')]);
    }
  });

  it('makes the report with everything the issue lists, and a bundle whose manifest verifies', async () => {
    const view = svc().get(first.id);
    const html = String((await svc().file(first.id, 'report.html')).body);
    for (const text of [
      'Depot Nord',
      'Hafenstr. 1',
      'Bay 1',
      'A. Person',
      'Elektro GmbH',
      'Stadtwerke',
      'ChargeBench',
      "Site's load limit",
      'Test session',
      'Wallbox mounted',
      'B. Kunde',
      'Handed over on site',
    ])
      expect(html).toContain(text);
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i);
    expect(html).toMatch(/<tr class=""><td><code>MeterValueSampleInterval<\/code><\/td><td><code>60<\/code><\/td><td><code>[^<]*<\/code><\/td><td><code>60<\/code><\/td><td>[A-Za-z ]+<\/td>/);
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('limit 11040 W');
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(html).toContain(`ChargeBench ${view.benchVersion}`);
    const zip = unzipSync((await svc().file(first.id, 'bundle.zip')).body as Uint8Array);
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['report.html', 'frames.jsonl', 'config-before.json', 'config-after.json', 'identity.json', 'commissioning.json', 'SHA256SUMS']));
    const sums = strFromU8(zip['SHA256SUMS']!).trim().split('\n');
    expect(sums.length).toBe(Object.keys(zip).length - 1);
    for (const line of sums) {
      const [sum, name] = line.split('  ');
      expect(createHash('sha256').update(zip[name!]!).digest('hex')).toBe(sum);
    }
    // The evidence's SHA-256 in the report is that of its four manifest lines.
    const evidence = sums.filter((l) => / {2}(frames\.jsonl|config-before\.json|config-after\.json|identity\.json)$/.test(l)).map((l) => `${l}\n`);
    expect(evidence.length).toBe(4);
    const digest = createHash('sha256').update(evidence.join('')).digest('hex');
    expect(html).toContain(digest);
    // ... the one fixed when the handover was signed.
    expect(view.handover?.evidenceSha256).toBe(digest);
    expect(html).not.toContain('differs');
    expect(strFromU8(zip['frames.jsonl']!)).toContain('"SetChargingProfile"');
    expect(JSON.parse(strFromU8(zip['config-after.json']!))).toMatchObject({ MeterValueSampleInterval: '60' });
    expect(JSON.parse(strFromU8(zip['identity.json']!))).toMatchObject({ chargerId: 'DEPOT-1', vendor: 'ChargeBench' });
    expect(JSON.parse(strFromU8(zip['commissioning.json']!))).toMatchObject({ id: first.id, state: 'handedOver' });
    // Frames pruned from the record later: the report keeps the signed SHA-256 and says the evidence now differs.
    await bench.record.settled();
    bench.record.db.prepare("DELETE FROM messages WHERE charger_id = 'DEPOT-1' AND raw LIKE '%SetChargingProfile%'").run();
    const after = String((await svc().file(first.id, 'report.html')).body);
    expect(after).toContain(`SHA-256 of the evidence at the handover: <code>${digest}</code>`);
    expect(after).toContain('differs');
  }, 60_000);
});

describe('re-running and the site', () => {
  let second: CommissioningView;

  it('re-runs one step: its result is replaced and its attempts counted, the others stay', async () => {
    const home = builtInTemplates.find((t) => t.name === 'Private home charger')!;
    second = await svc().create({ chargerId: 'DEPOT-2', job: job('Bay 2'), template: { ...home, sessionSeconds: 60 } });
    const once = await runAndWait(second.id, ['C5_BASELINE', 'C7_OFFLINE']);
    expect([step(once, 'C5_BASELINE').attempts, step(once, 'C7_OFFLINE').attempts, step(once, 'C4_CONNECTORS').result]).toEqual([1, 1, null]);
    const before = step(once, 'C7_OFFLINE').result!.steps[0]!.messageIds;
    const again = await runAndWait(second.id, ['C7_OFFLINE']);
    expect(step(again, 'C7_OFFLINE')).toMatchObject({ attempts: 2, result: { verdict: 'pass' } });
    expect(step(again, 'C7_OFFLINE').result!.steps[0]!.messageIds).not.toEqual(before);
    expect(step(again, 'C5_BASELINE').attempts).toBe(1);
    expect(again.open).toContain('Connectors Available with NoError: not run yet');
    expect(() => svc().run(second.id, ['C99_NOPE'])).toThrow(expect.objectContaining({ status: 400, extra: { field: 'steps' } }));
  }, 120_000);

  it('puts the chargers of a site side by side, their differing offline policies flagged', async () => {
    const summary = svc().site('Depot Nord');
    expect(summary.chargers.map((c) => [c.chargerId, c.location, c.verdict])).toEqual(
      expect.arrayContaining([
        ['DEPOT-1', 'Bay 1', 'pass'],
        ['DEPOT-2', 'Bay 2', 'incomplete'],
      ]),
    );
    expect(summary.chargers.find((c) => c.chargerId === 'DEPOT-2')!.offlinePolicy).toMatch(/any card/);
    expect(summary.chargers.find((c) => c.chargerId === 'DEPOT-1')!.offlinePolicy).toMatch(/cards in the local list or the cache/);
    expect(summary.offlinePolicySame).toBe(false);
    const page = String(svc().siteSummary('Depot Nord').body);
    expect(page).toContain('do not all have the same offline policy');
    expect(page).toContain('DEPOT-2');
    expect(
      svc()
        .list({ site: 'Depot Nord' })
        .map((c) => c.chargerId),
    ).toEqual(['DEPOT-2', 'DEPOT-1']);
  });

  it('refuses a handover, and a test run on the charger, while a run is going on', async () => {
    svc().run(second.id, ['C4_CONNECTORS']);
    await expect(svc().handover(second.id, handover as never)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('is running') });
    // Nor may a conformance run drive the same charger meanwhile.
    expect(() => bench.conformance.start({ chargerId: second.chargerId, cases: ['TC_003_CS'] })).toThrow(
      expect.objectContaining({ status: 409, message: expect.stringContaining('is being commissioned') }),
    );
    await svc().settled(second.id);
  }, 60_000);
});

describe('photos', () => {
  it('are checked: base64, size, and the bytes are the image type given', async () => {
    const c = await svc().create({ chargerId: 'DEPOT-2', job: job('Bay 3'), template });
    const add = (dataBase64: string, contentType: 'image/png' | 'image/jpeg' | 'image/webp' = 'image/png') => svc().addPhoto({ id: c.id, name: 'p', contentType, dataBase64, caption: '' });
    await expect(add(Buffer.from('%PDF-1.4 not an image').toString('base64'))).rejects.toMatchObject({
      status: 400,
      extra: { field: 'dataBase64' },
      message: expect.stringContaining('not a JPEG, PNG or WebP'),
    });
    await expect(add(PNG.toString('base64'), 'image/jpeg')).rejects.toMatchObject({ status: 400, extra: { field: 'contentType' } });
    await expect(add('not base64!')).rejects.toMatchObject({ status: 400, extra: { field: 'dataBase64' } });
    await expect(add(Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]).toString('base64'))).rejects.toMatchObject({ status: 400, extra: { field: 'dataBase64' } });
    const jpeg = await add(JPEG.toString('base64'), 'image/jpeg');
    const webp = await add(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1').toString('base64'), 'image/webp');
    expect(
      svc()
        .get(c.id)
        .photos.map((p) => p.id),
    ).toEqual([jpeg.id, webp.id]);
    await svc().removePhoto(c.id, jpeg.id);
    expect(
      svc()
        .get(c.id)
        .photos.map((p) => p.id),
    ).toEqual([webp.id]);
    await expect(svc().removePhoto(c.id, jpeg.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('changes made at the same time', () => {
  it('keeps a checklist answer given while a photo is being stored, and nothing changes once the handover is signed', async () => {
    const c = await svc().create({ chargerId: 'DEPOT-2', job: job('Bay 8'), template });
    const photo = svc().addPhoto({ id: c.id, name: 'board.jpg', contentType: 'image/jpeg', dataBase64: JPEG.toString('base64'), caption: '' });
    await svc().setChecklist(c.id, [{ id: 'cable', result: 'conform', value: '', note: '' }]);
    await photo;
    await bench.record.settled();
    const recorded = bench.record.commissionings.get(c.id) as { checklist: Array<{ id: string; result: string | null }> };
    expect(recorded.checklist.find((e) => e.id === 'cable')?.result).toBe('conform');
    const signed = svc().handover(c.id, Handover.parse(handover));
    await expect(svc().setChecklist(c.id, [{ id: 'mounting', result: 'conform', value: '', note: '' }])).rejects.toMatchObject({ status: 409 });
    await signed;
    await bench.record.settled();
    expect((bench.record.commissionings.get(c.id) as { state: string }).state).toBe('handedOver');
  });
});

describe('templates', () => {
  it('saves user templates, refuses built-in names, and takes a charger as the reference', async () => {
    await expect(svc().saveTemplate({ ...template, name: builtInTemplates[0]!.name })).rejects.toMatchObject({ status: 400, extra: { field: 'template.name' } });
    await svc().saveTemplate(template);
    expect(
      svc()
        .templates()
        .saved.map((t) => t.name),
    ).toEqual(['Depot AC']);
    const ref = await svc().referenceTemplate('DEPOT-1', 'DEPOT-1 as it is');
    expect(ref.keys).toMatchObject({ MeterValueSampleInterval: '60', HeartbeatInterval: '300' });
    // Read-only and identity-like keys are left out.
    expect(Object.keys(ref.keys)).not.toEqual(expect.arrayContaining(['NumberOfConnectors']));
    expect(Object.keys(ref.keys).filter((k) => /SupportedFeatureProfiles|AuthorizationKey|Serial/i.test(k))).toEqual([]);
    expect(ref.offlinePolicy).toBe('knownCards');
    await svc().deleteTemplate('Depot AC');
    await expect(svc().deleteTemplate('Depot AC')).rejects.toMatchObject({ status: 404 });
  });
});

describe('the failing twins', () => {
  it('fails C9_RESET when the charger does not come back after the reset (offline)', async () => {
    const c = await svc().create({ chargerId: 'DEPOT-2', job: job('Bay 4'), template });
    const vcp = bench.virtualChargers.charger('DEPOT-2');
    // The charger's network goes as it answers the Reset: it reboots and cannot reach the bench.
    const off = bench.bus.subscribe((e) => {
      if (e.type === 'frameLogged' && e.message.chargerId === 'DEPOT-2' && e.message.kind === 'CALLRESULT' && e.message.action === 'Reset') vcp.setFaults({ offline: true, offlineSeconds: 0 });
    });
    try {
      const v = await runAndWait(c.id, ['C9_RESET']);
      expect(step(v, 'C9_RESET').result).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/^No BootNotification within 300 s of the reset: the charger did not come back/) });
      // A failed step fails the commissioning, though the other steps have not run yet.
      expect(v.verdict).toBe('fail');
    } finally {
      off();
      vcp.setFaults({ offline: false });
    }
    await virtualTarget(bench, 'DEPOT-2');
  }, 120_000);

  it('fails the load limit when another profile overrides the site limit (the session then does not judge a limit not in force)', async () => {
    const c = await svc().create({ chargerId: 'DEPOT-2', job: job('Bay 5'), template });
    const over = await bench.operations.operate('DEPOT-2', 'SetChargingProfile', {
      connectorId: 0,
      csChargingProfiles: {
        chargingProfileId: 77,
        stackLevel: 5,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 32 }] },
      },
    });
    expect(over).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
    try {
      // The baseline first: the site's measurands (an earlier commissioning left DEPOT-2 with the home template's).
      const v = await runAndWait(c.id, ['C5_BASELINE', 'C10_LOAD_LIMIT', 'C8_SESSION']);
      expect(step(v, 'C10_LOAD_LIMIT').result).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('overrides the site') });
      const row = step(v, 'C8_SESSION').result!.measurements.find((m) => m.label === "Power under the site's load limit (W)");
      expect(row).toMatchObject({ ok: null, value: "not measured: the site's load limit is not known to be in force on the charger (“Site's load limit” failed: see that step)" });
      expect(Math.max(...v.session!.samples.map((s) => s.powerW ?? 0))).toBeGreaterThan(11_040);
    } finally {
      await bench.operations.operate('DEPOT-2', 'ClearChargingProfile', { id: 77 });
    }
  }, 120_000);
});

describe('the REST face', () => {
  it('creates, lists and fetches commissionings, and names the field of bad input', async () => {
    const created = await rest('POST', '/api/commissioning', { chargerId: 'DEPOT-2', job: job('Bay 6'), template });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await rest('GET', `/api/commissioning/${id}`)).body).toMatchObject({ id, state: 'ready' });
    expect((await rest('GET', '/api/commissioning?site=Depot%20Nord')).body[0]).toMatchObject({ id, location: 'Bay 6' });
    expect(await rest('POST', '/api/commissioning', { chargerId: 'DEPOT-2', job: { site: 'X' }, template })).toMatchObject({ status: 400, body: { field: 'job.installer' } });
    expect(await rest('PATCH', `/api/commissioning/${id}/checklist`, [{ id: 'earthResistance', result: 'maybe' }])).toMatchObject({ status: 400, body: { field: '0.result' } });
    expect(await rest('PATCH', `/api/commissioning/${id}/checklist`, [{ id: 'teaBreak', result: 'conform' }])).toMatchObject({ status: 400, body: { field: '0.id' } });
    expect((await rest('PATCH', `/api/commissioning/${id}/checklist`, [{ id: 'cable', result: 'conform' }])).body.checklist).toContainEqual({ id: 'cable', result: 'conform', value: '', note: '' });
    expect(await rest('POST', `/api/commissioning/${id}/photos`, { name: 'p.jpg', contentType: 'image/gif', dataBase64: 'AAAA' })).toMatchObject({ status: 400, body: { field: 'contentType' } });
    expect(await rest('POST', `/api/commissioning/${id}/photos`, { name: 'p.jpg', contentType: 'image/jpeg', dataBase64: 'AAAA' })).toMatchObject({ status: 400, body: { field: 'dataBase64' } });
    const photo = await rest('POST', `/api/commissioning/${id}/photos`, { id: 'elsewhere', name: 'p.jpg', contentType: 'image/jpeg', dataBase64: JPEG.toString('base64') });
    expect(photo).toMatchObject({ status: 201, body: { name: 'p.jpg', bytes: JPEG.length } });
    const bytes = await rest('GET', `/api/commissioning/${id}/photos/${photo.body.id}`);
    expect([bytes.status, bytes.headers.get('content-type'), Buffer.from(bytes.body).equals(JPEG)]).toEqual([200, 'image/jpeg', true]);
    // A phone photo (a few MB) fits, through the REST route and through the UI's door; one over 10 MB is named.
    const big = Buffer.concat([JPEG, Buffer.alloc(3 * 1024 * 1024, 7)]);
    expect(await rest('POST', `/api/commissioning/${id}/photos`, { name: 'board.jpg', contentType: 'image/jpeg', dataBase64: big.toString('base64') })).toMatchObject({
      status: 201,
      body: { bytes: big.length },
    });
    expect(await rest('POST', '/api/call/commissioning:addPhoto', { id, name: 'board2.jpg', contentType: 'image/jpeg', dataBase64: big.toString('base64') })).toMatchObject({
      status: 200,
      body: { bytes: big.length },
    });
    const huge = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024, 7)]);
    expect(await rest('POST', `/api/commissioning/${id}/photos`, { name: 'huge.jpg', contentType: 'image/jpeg', dataBase64: huge.toString('base64') })).toMatchObject({
      status: 400,
      body: { field: 'dataBase64' },
    });
    expect(await rest('POST', `/api/commissioning/${id}/handover`, { ...handover, customer: { name: 'B. Kunde', acknowledged: false } })).toMatchObject({
      status: 400,
      body: { field: 'customer.acknowledged' },
    });
    expect(await rest('POST', `/api/commissioning/${id}/handover`, { ...handover, installer: { name: 'A', kind: 'drawn' } })).toMatchObject({ status: 400, body: { field: 'installer.image' } });
    expect(await rest('GET', '/api/commissioning/nope')).toMatchObject({ status: 404 });
    expect(await rest('POST', `/api/commissioning/${id}/answer`, { answer: 'done' })).toMatchObject({ status: 409 });
    expect(await rest('POST', `/api/commissioning/${id}/run`, { steps: ['NOPE'] })).toMatchObject({ status: 400, body: { field: 'steps' } });
    const report = await rest('GET', `/api/commissioning/${id}/report.html`);
    expect([report.status, report.headers.get('content-security-policy')]).toEqual([200, expect.stringContaining('img-src data:')]);
    expect(await rest('GET', `/api/commissioning/${id}/report.exe`)).toMatchObject({ status: 404, body: { field: 'file' } });
    const summary = await rest('GET', '/api/commissioning-sites/Depot%20Nord/summary.html');
    expect([summary.status, strFromU8(summary.body)]).toEqual([200, expect.stringContaining('Site summary: Depot Nord')]);
    expect((await rest('GET', '/api/commissioning-sites/Depot%20Nord')).body).toMatchObject({ site: 'Depot Nord' });
    expect(await rest('GET', '/api/commissioning-sites/Nowhere')).toMatchObject({ status: 404 });
    expect((await rest('GET', '/api/commissioning-templates')).body.builtIn.length).toBe(builtInTemplates.length);
    expect(await rest('POST', '/api/commissioning-templates', { ...template, name: builtInTemplates[0]!.name })).toMatchObject({ status: 400, body: { field: 'name' } });
  }, 60_000);
});

describe('while it runs, and when it is stopped', () => {
  it("shows the configuration after the baseline as soon as that step is done, and leaves the charger's authorization cache alone", async () => {
    await virtualTarget(bench, 'DEPOT-3', 1);
    const c = await svc().create({ chargerId: 'DEPOT-3', job: job('Bay 7'), template });
    const from = events.length;
    let mid: CommissioningView | null = null;
    svc().run(c.id, ['C5_BASELINE', 'C7_OFFLINE'], (e) => {
      if (e.type === 'caseStarted' && e.caseId === 'C7_OFFLINE') mid = svc().get(c.id);
    });
    await svc().settled(c.id);
    // The run is still going on, and the values read back by the baseline are there ("now" of the diff).
    expect(mid).toMatchObject({ state: 'running', configAfter: template.keys });
    // Between steps, and before and after them, the cards cached on a live site's charger stay.
    const v = svc().get(c.id);
    expect(verdicts(v)).toMatchObject({ C5_BASELINE: 'pass', C7_OFFLINE: 'pass' });
    const frames = v.steps.flatMap((s) => s.result?.frames ?? []);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.filter((f) => f.action === 'ClearCache')).toEqual([]);
    // Nor before the first step (the run's setup, whose frames are no step's): every call the bench sent the charger.
    const sent = (since: number) =>
      events.slice(since).flatMap((e) => (e.type === 'frameLogged' && e.message.chargerId === 'DEPOT-3' && e.message.direction === 'out' && e.message.kind === 'CALL' ? [e.message.action] : []));
    const all = sent(from);
    expect(all.length).toBeGreaterThan(frames.filter((f) => f.direction === 'out' && f.kind === 'CALL').length);
    expect(all).toContain('GetConfiguration');
    expect(all).not.toContain('ClearCache');
    // A test run on the same charger does clear it (the general preconditions): keeping it is the commissioning's own.
    const before = events.length;
    const { runId } = bench.conformance.start({ chargerId: 'DEPOT-3', cases: ['TC_003_CS'] });
    const run = await bench.conformance.settled(runId);
    expect(run.cases.map((x) => x.verdict)).toEqual(['pass']);
    expect(sent(before)).toContain('ClearCache');
  }, 120_000);

  it('is recorded as stopped, the stopped step saying Run again repeats it, and the steps counted', async () => {
    const c = await svc().create({ chargerId: 'DEPOT-3', job: job('Bay 8'), template });
    svc().run(c.id, undefined, (e) => {
      if (e.type === 'stepStarted' && e.caseId === 'C4_CONNECTORS') svc().stop(c.id);
    });
    await svc().settled(c.id);
    const v = svc().get(c.id);
    expect(verdicts(v)).toMatchObject({ C3_IDENTITY: 'pass', C4_CONNECTORS: 'inconclusive', C5_BASELINE: null });
    expect(step(v, 'C4_CONNECTORS').result!.reason).toBe('The run was stopped during this step, so the step did not finish: Run again repeats it.');
    expect(v.lastRun).toMatchObject({ outcome: 'stopped', stoppedIn: 'C4_CONNECTORS', steps: v.steps.map((s) => s.id), finishedAt: expect.any(String) });
    expect(v.stepCounts).toEqual({ pass: 1, fail: 0, error: 0, inconclusive: 1, notApplicable: 0, notRun: 8 });
    // Who stopped it (the Stop of its page or the API), when, and during which step.
    expect(v.lastRun?.stop).toMatchObject({ by: 'stop', caseId: 'C4_CONNECTORS' });
    expect(v.open).toContainEqual(
      expect.stringMatching(
        /^The last run was stopped \(Stopped by the run's Stop \(its page or the API\) at .+ during step Connectors Available with NoError( \(.+\))?; the charger was put back\): 8 steps not run yet$/,
      ),
    );
    expect(v.open).toContain('Connectors Available with NoError is inconclusive: The run was stopped during this step, so the step did not finish: Run again repeats it.');
    expect(v.open.join('\n')).not.toMatch(/could not go on/);
    // The faces are told so with the change.
    const changed = events.filter((e) => e.type === 'commissioningChanged' && e.commissioning.id === c.id).at(-1);
    expect(changed?.type === 'commissioningChanged' && changed.commissioning.lastRun?.outcome).toBe('stopped');
  }, 120_000);
});
