// @vitest-environment jsdom
// The commissioning wizard telling the truth: a charger gone offline during the checks (on the step and in
// the operator's request, whose Stop cannot be taken back once sent), a stopped run (inconclusive is not failed, steps never run are counted, it is
// not "checked"), the plan's values checked as they are typed in the units a site has, the checklist's
// readings and photo sizes, and the test session's plan in plain sentences, in the plan's order.
import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench } from '../../src/renderer/src/stores/bench';
import { setDraft } from '../../src/renderer/src/features/commissioning/draft';
import { CommissioningPrompts } from '../../src/renderer/src/features/commissioning/CommissioningPrompts';
import { OperatorPrompts } from '../../src/renderer/src/features/test-runs/OperatorPrompts';
import { builtInTemplates, type CommissioningStep, type CommissioningView } from '../../src/shared/api/commissioning';
import type { OperatorPrompt, RunListItem } from '../../src/shared/api/test-runs';
import { fakeClient, withBench } from './fake-client';
import { charger, open, result, template, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const goOffline = (lastSeen: string) => act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001, connected: false, lastSeen } } })));

describe('a charger gone offline during the checks', () => {
  it('says so on the checks step, since when, beside the step in progress', async () => {
    const running = view({ state: 'running', verdict: 'incomplete', running: { stepId: 'C8_SESSION', step: 'Step 6: Charger sends meter values' } });
    const client = fakeClient({ 'commissioning:get': () => running });
    open(client, '/commissioning/c1?step=checks');
    expect((await screen.findByRole('status', { name: '' })).textContent).toContain('Running: Test session — Step 6: Charger sends meter values');
    expect(screen.queryByTestId('charger-offline-notice')).toBeNull();
    goOffline(minutesAgo(3.5));
    // Found (not got): the step's subscriptions to the store start in its effects, which a loaded machine
    // may run after the status was found; the notice follows the store once they do.
    const notice = await screen.findByTestId('charger-offline-notice');
    expect(notice.textContent).toMatch(/^CP001 is offline: last seen .+ \(3 min ago\)\. The step in progress \(Test session\) cannot go on until it reconnects\.$/);
  });

  it("says so in the operator's request for that charger, which cannot be done until it reconnects", async () => {
    const prompt: OperatorPrompt = { caseId: 'C8_SESSION', step: 2, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable in at connector 1, then press Done.', timeoutS: 300 };
    const client = fakeClient({
      'commissioning:list': () => [{ id: 'c1', chargerId: 'CP001', site: 'Depot Nord', location: 'Bay 6', state: 'running', verdict: 'incomplete', createdAt: '', updatedAt: '' }],
      'commissioning:prompt': () => prompt,
    });
    render(withBench(client, <CommissioningPrompts />));
    const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
    expect(within(dialog).queryByText(/is offline/)).toBeNull();
    goOffline(minutesAgo(2.5));
    expect(within(dialog).getByText(/^CP001 is offline \(last seen .+, 2 min ago\): it cannot do this until it reconnects\.$/)).toBeTruthy();
    // Back: the request reads as before.
    act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001, connected: true } } })));
    expect(within(dialog).queryByText(/is offline/)).toBeNull();
  });

  it('once Stop the commissioning is sent from the request, it says it cannot be withdrawn, and Keep running is no way back', async () => {
    const prompt: OperatorPrompt = { caseId: 'C8_SESSION', step: 2, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable in at connector 1, then press Done.', timeoutS: 300 };
    const client = fakeClient({
      'commissioning:list': () => [{ id: 'c1', chargerId: 'CP001', site: 'Depot Nord', location: 'Bay 6', state: 'running', verdict: 'incomplete', createdAt: '', updatedAt: '' }],
      'commissioning:prompt': () => prompt,
      'commissioning:stop': () => new Promise<null>(() => undefined),
    });
    render(withBench(client, <CommissioningPrompts />));
    const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stop the commissioning…' }));
    const ask = within(dialog).getByRole('alertdialog', { name: 'Stop the commissioning?' });
    expect((within(ask).getByRole('button', { name: 'Keep running' }) as HTMLButtonElement).disabled).toBe(false);
    expect(within(ask).queryByText(/cannot be withdrawn/)).toBeNull();
    await userEvent.click(within(ask).getByRole('button', { name: 'Stop the commissioning' }));
    expect(client.callsOf('commissioning:stop')).toEqual([{ id: 'c1' }]);
    expect(within(ask).getByRole('status').textContent).toBe('Stopping… sent to the bench; it cannot be withdrawn.');
    expect((within(ask).getByRole('button', { name: 'Keep running' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("says so in a conformance run's request too: the same dialog", async () => {
    const prompt: OperatorPrompt = { caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.', timeoutS: 300 };
    const summary: RunListItem['summary'] = { pass: 0, fail: 0, error: 0, inconclusive: 0, notApplicable: 0, notSupported: 0 };
    const client = fakeClient({
      'tests:list': () => [{ id: 'run-1', chargerId: 'CP001', startedAt: '2025-01-01T10:00:00Z', finishedAt: null, state: 'running', summary }],
      'tests:prompt': () => prompt,
    });
    goOffline(minutesAgo(10.5));
    render(withBench(client, <OperatorPrompts />));
    const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
    expect(within(dialog).getByText(/^CP001 is offline \(last seen .+, 10 min ago\): it cannot do this until it reconnects\.$/)).toBeTruthy();
  });
});

describe('a stopped commissioning', () => {
  const step = (id: string, title: string, verdict: 'pass' | 'inconclusive' | 'fail' | null): CommissioningStep => ({
    id,
    title,
    section: '',
    result: verdict && result({ id, title, verdict, reason: verdict === 'inconclusive' ? 'Stopped before the step ended' : null }),
    attempts: verdict ? 1 : 0,
  });
  const ten = (readerVerdict: 'inconclusive' | 'fail' | null, rest: 'pass' | null) => [
    step('C3_IDENTITY', 'Identity and clock', 'pass'),
    step('C4_CONNECTORS', 'Connectors', 'pass'),
    step('C5_BASELINE', 'Configuration baseline', 'pass'),
    step('C6_READER', 'Card reader', readerVerdict),
    ...['C7_OFFLINE', 'C10_LOAD_LIMIT', 'C8_SESSION', 'C9_UNLOCK', 'C9_AVAILABILITY', 'C9_RESET'].map((id) => step(id, id, rest)),
  ];

  it('counts an inconclusive step as inconclusive and the steps never run as not run, and is not called checked', async () => {
    const stopped = view({ steps: ten('inconclusive', null), verdict: 'incomplete', job: { ...view().job, location: 'Bay 6' } });
    const client = fakeClient({ 'commissioning:get': () => stopped });
    open(client, '/commissioning/c1?step=checks');
    const checks = (await screen.findByText('Stopped — 1 inconclusive, 6 not run')).closest('button')!;
    expect(checks.textContent).toContain('Checks');
    // Nothing failed: the step is not marked as one that failed.
    expect(checks.querySelector('.Mui-error')).toBeNull();
    expect(screen.queryByText(/failed/)).toBeNull();
    expect(screen.getByText(/Depot Nord, Bay 6 · /).textContent).toBe('Depot Nord, Bay 6 · Stopped, 6 of 10 steps not run, not handed over');
    expect(screen.queryByText(/Checked/)).toBeNull();
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(/^Stopped before the end: 4 of 10 steps run, 6 not run/);
  });

  it('a run that ended with every step run is checked, and a failed step is counted as failed', async () => {
    const client = fakeClient({ 'commissioning:get': () => view({ steps: ten('fail', 'pass') }) });
    open(client, '/commissioning/c1?step=checks');
    const checks = (await screen.findByText('1 failed')).closest('button')!;
    expect(checks.querySelector('.Mui-error')).toBeTruthy();
    expect(screen.getByText(/Depot Nord, Bay 4 · /).textContent).toBe('Depot Nord, Bay 4 · Checked, not handed over');
    expect(screen.getByRole('status', { name: '' }).textContent).toBe('10 of 10 steps run.');
  });
});

describe("the plan's session length and load limit", () => {
  it('say what is wrong as they are typed, in A per phase, and the summary never shows a value that is not one', async () => {
    const client = fakeClient({ 'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [] }) });
    open(client, '/commissioning/new?step=plan');
    await userEvent.click(await screen.findByLabelText('The site has a load limit'));
    const limit = screen.getByRole('textbox', { name: 'Limit (A per phase)' });
    const plan = screen.getByRole('region', { name: 'Template' });
    const summaryLimit = () => within(plan).getByText('Load limit').nextElementSibling!.textContent;
    expect(summaryLimit()).toBe('16 A per phase, 3 phases (11.0 kW)');
    for (const bad of ['-5', '0', 'abc', '1000']) {
      await userEvent.clear(limit);
      await userEvent.type(limit, bad);
      expect(screen.getByText('Between 6 and 630 A per phase')).toBeTruthy();
      expect(screen.queryByText(/^= /)).toBeNull();
      expect(summaryLimit()).toBe('Not valid yet: Between 6 and 630 A per phase');
      expect(plan.textContent).not.toMatch(/NaN|-5 A|-3450 W|\(—\)/);
    }
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByTestId('where').textContent).toBe('/commissioning/new?step=plan');
    await userEvent.clear(limit);
    await userEvent.type(limit, '32');
    expect(screen.queryByText('Between 6 and 630 A per phase')).toBeNull();
    expect(screen.getByText('= 22.1 kW')).toBeTruthy();
    expect(summaryLimit()).toBe('32 A per phase, 3 phases (22.1 kW)');

    const length = screen.getByRole('textbox', { name: 'Test session (s)' });
    await userEvent.clear(length);
    await userEvent.type(length, '100000');
    expect(screen.getByText('Between 10 and 3600 seconds, whole')).toBeTruthy();
    expect(within(plan).getByText('Test session').nextElementSibling!.textContent).toBe('Not valid yet: Between 10 and 3600 seconds, whole');
    await userEvent.clear(length);
    await userEvent.type(length, '600');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByTestId('where').textContent).toBe('/commissioning/new?step=checks');
  });
});

describe("the checklist's readings and photos", () => {
  it('saves a reading typed with a decimal comma as the hint says, with a point', async () => {
    const client = fakeClient({ 'commissioning:get': () => view(), 'commissioning:setChecklist': ({ entries }) => view({ checklist: entries as CommissioningView['checklist'] }) });
    open(client, '/commissioning/c1?step=checklist');
    const rcd = await screen.findByRole('region', { name: 'RCD trip time' });
    const field = within(rcd).getByRole('textbox', { name: 'RCD trip time: measured value (ms)' });
    await userEvent.type(field, '0,8');
    await userEvent.tab();
    expect(client.callsOf('commissioning:setChecklist')).toEqual([{ id: 'c1', entries: [{ id: 'rcdTripTime', result: null, value: '0.8', note: '' }] }]);
    expect((field as HTMLInputElement).value).toBe('0.8');
  });

  it("keeps the phase rotation's label clear of its field while empty (no unit beside it)", async () => {
    open(fakeClient({ 'commissioning:get': () => view() }), '/commissioning/c1?step=checklist');
    const rotation = await screen.findByRole('region', { name: 'Phase rotation' });
    const label = rotation.querySelector('label')!;
    expect(label.textContent).toBe('Measured sequence');
    expect(label.getAttribute('data-shrink')).toBe('true');
    expect(within(rotation).queryByText('sequence')).toBeNull();
    // A numeric reading's label stays above its field too, clear of the unit.
    expect(screen.getByRole('region', { name: 'Earth resistance' }).querySelector('label')!.getAttribute('data-shrink')).toBe('true');
  });

  it("gives a photo's size in KB under 1 MB, in MB above", async () => {
    const photo = { contentType: 'image/png' as const, sha256: 'x', caption: '', addedAt: '2025-01-01T10:00:00Z' };
    const client = fakeClient({
      'commissioning:get': () =>
        view({
          photos: [
            { ...photo, id: 'p1', name: 'board.png', bytes: 48_798 },
            { ...photo, id: 'p2', name: 'bay.png', bytes: 3_565_158 },
          ],
        }),
      'commissioning:photo': () => ({ contentType: 'image/png', dataBase64: 'iVBO' }),
    });
    open(client, '/commissioning/c1?step=checklist');
    expect(await screen.findByText('board.png · 48 KB')).toBeTruthy();
    expect(screen.getByText('bay.png · 3.4 MB')).toBeTruthy();
  });
});

describe("the test session's plan", () => {
  const limited = { ...template, sessionSeconds: 60, loadLimit: { limit: 16, unit: 'A' as const, phases: 3 } };

  it('reads as plain sentences on the checks step', async () => {
    const client = fakeClient({ 'commissioning:get': () => view({ template: limited, session: { samples: [], limitW: 11_040 } }) });
    open(client, '/commissioning/c1?step=checks');
    const session = await screen.findByRole('region', { name: 'Test session' });
    expect(within(session).getByText(/^Planned:/).textContent).toBe(
      'Planned: meter values for at least 60 s, at the charger’s own interval. That is shorter than the recommended 5 minutes: the report notes it. The power must stay under the load limit of 11.0 kW.',
    );
  });

  it("lists what the checks do in the plan's order: the load limit before the test session", async () => {
    useBench.setState({ chargers: { CP001: { ...charger('CP001'), virtual: true } } });
    setDraft({ job: view().job, chargerId: 'CP001', template: limited });
    open(fakeClient({}), '/commissioning/new?step=checks');
    const items = (await screen.findAllByRole('listitem')).map((li) => li.textContent ?? '');
    const at = (word: RegExp) => items.findIndex((t) => word.test(t));
    expect(at(/configuration key/)).toBe(0);
    expect(at(/load limit/)).toBe(1);
    expect(items[2]).toBe(
      'starts a test session with the card COMMISSION-1, takes meter values for at least 60 s, then stops it (where the charger caches cards, COMMISSION-1 joins its authorization cache; the cache is not cleared)',
    );
    expect(at(/unlocks each connector/)).toBe(3);
  });
});
