// @vitest-environment jsdom
// What a review of the commissioning wizard found, each held here: the start's confirmation does not warn
// about the commissioning it starts; a reading "1,000" is refused as ambiguous rather than made a thousand
// times smaller, and a stored value is not rewritten by a click on a result; a load limit in W and a
// session length may be grouped by thousands, amperes take a decimal comma; "Stopped" only for a run that
// was stopped; a refused signing is not shown again when the question is asked again.
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { useBench } from '../../src/renderer/src/stores/bench';
import { setDraft } from '../../src/renderer/src/features/commissioning/draft';
import { builtInTemplates, type CommissioningLastRun, type CommissioningStep, type CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { charger, open, result, template, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

describe('the confirmation that starts a commissioning', () => {
  it('does not warn about the commissioning it starts while it closes', async () => {
    const user = userEvent.setup();
    useBench.setState({ chargers: { CP001: charger('CP001') } });
    setDraft({ job: view().job, chargerId: 'CP001', template });
    const client = fakeClient({
      'tests:list': () => [],
      'commissioning:list': () => [],
      'commissioning:create': () => view({ state: 'ready' }),
      // Running, and not answered yet: the bench says it started before the call returns.
      'commissioning:run': () => new Promise<null>(() => undefined),
    });
    open(client, '/commissioning/new?step=checks');
    await user.click(await screen.findByRole('button', { name: 'Start the checks on CP001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Commission CP001?' });
    const confirm = within(dialog).getByRole('button', { name: 'Start the checks on CP001' });
    await waitFor(() => expect((confirm as HTMLButtonElement).disabled).toBe(false));
    await user.click(confirm);
    await waitFor(() => expect(client.callsOf('commissioning:run')).toHaveLength(1));
    const item = { id: 'c1', chargerId: 'CP001', site: 'Depot Nord', location: 'Bay 4', state: 'running', verdict: 'incomplete', createdAt: '', updatedAt: '' } as const;
    act(() => client.emit([{ type: 'commissioningChanged', commissioning: { ...item, running: { stepId: 'C3_IDENTITY', step: null } }, ts: new Date().toISOString() }]));
    expect(dialog.isConnected).toBe(true);
    expect(within(dialog).queryByText(/is being commissioned/)).toBeNull();
  });
});

describe("the checklist's readings", () => {
  const client = (stored: CommissioningView['checklist'] = []) =>
    fakeClient({ 'commissioning:get': () => view({ checklist: stored }), 'commissioning:setChecklist': ({ entries }) => view({ checklist: entries as CommissioningView['checklist'] }) });

  it('refuses "1,000" and ">1,000" (a thousand, or one?) with what to write instead, and saves nothing', async () => {
    const c = client();
    open(c, '/commissioning/c1?step=checklist');
    const insulation = await screen.findByRole('region', { name: 'Insulation resistance' });
    const field = within(insulation).getByRole('textbox', { name: 'Insulation resistance: measured value (MΩ)' });
    await userEvent.type(field, '1,000');
    await userEvent.tab();
    expect(within(insulation).getByText('Is the comma a thousands separator or a decimal comma? Write the value without grouping: "1000" or "1.000"')).toBeTruthy();
    expect((field as HTMLInputElement).value).toBe('1,000');
    await userEvent.clear(field);
    await userEvent.type(field, '>1,000');
    await userEvent.click(within(insulation).getByRole('button', { name: 'Conform' }));
    expect(within(insulation).getByText(/Write the value without grouping: ">1000" or ">1.000"$/)).toBeTruthy();
    expect(c.callsOf('commissioning:setChecklist')).toEqual([]);

    // Put right: saved as typed (the refused click on Conform was not taken).
    await userEvent.clear(field);
    await userEvent.type(field, '>1000');
    await userEvent.tab();
    await waitFor(() => expect(c.callsOf('commissioning:setChecklist').at(-1)).toEqual({ id: 'c1', entries: [{ id: 'insulation', result: null, value: '>1000', note: '' }] }));
  });

  it('takes a decimal comma before other than three digits ("12,5" is 12.5)', async () => {
    const c = client();
    open(c, '/commissioning/c1?step=checklist');
    const field = await screen.findByRole('textbox', { name: 'Earth resistance: measured value (Ω)' });
    await userEvent.type(field, '12,5');
    await userEvent.tab();
    expect(c.callsOf('commissioning:setChecklist')).toEqual([{ id: 'c1', entries: [{ id: 'earthResistance', result: null, value: '12.5', note: '' }] }]);
  });

  it('never rewrites a stored value the user did not edit: a click on Conform sends it as it is', async () => {
    const c = client([{ id: 'earthResistance', result: null, value: '1,5', note: '' }]);
    open(c, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    expect((within(earth).getByRole('textbox', { name: /measured value/ }) as HTMLInputElement).value).toBe('1,5');
    await userEvent.click(within(earth).getByRole('button', { name: 'Conform' }));
    await waitFor(() => expect(c.callsOf('commissioning:setChecklist')).toEqual([{ id: 'c1', entries: [{ id: 'earthResistance', result: 'conform', value: '1,5', note: '' }] }]));
  });
});

describe("the plan's numbers", () => {
  it('takes 11,000 W and 1,200 s grouped by thousands, 16,5 A per phase with a decimal comma, and says the bounds as it reads them', async () => {
    const user = userEvent.setup();
    open(fakeClient({ 'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [] }) }), '/commissioning/new?step=plan');
    const length = await screen.findByRole('textbox', { name: 'Test session (s)' });
    await user.clear(length);
    await user.type(length, '1,200');
    expect(screen.queryByText('Between 10 and 3600 seconds, whole')).toBeNull();
    const plan = screen.getByRole('region', { name: 'Template' });
    expect(within(plan).getByText('Test session').nextElementSibling!.textContent).toMatch(/^20 min|1200/);

    await user.click(screen.getByLabelText('The site has a load limit'));
    const amps = screen.getByRole('textbox', { name: 'Limit (A per phase)' });
    await user.clear(amps);
    await user.type(amps, '16,5');
    expect(screen.getByText('= 11.4 kW')).toBeTruthy();

    await user.click(screen.getByRole('combobox', { name: 'Unit' }));
    await user.click(screen.getByRole('option', { name: 'W' }));
    const watts = screen.getByRole('textbox', { name: 'Limit (W)' });
    await user.clear(watts);
    await user.type(watts, '11,000');
    expect(screen.queryByText(/^Between 1.?380/)).toBeNull();
    expect(screen.getByText('= 11.0 kW')).toBeTruthy();
    await user.clear(watts);
    await user.type(watts, '1000');
    expect(screen.getByText('Between 1380 and 400000 W')).toBeTruthy();
  });
});

describe('how the last run went', () => {
  const step = (id: string, verdict: 'pass' | 'inconclusive' | null): CommissioningStep => ({
    id,
    title: id,
    section: '',
    result: verdict && result({ id, title: id, verdict, reason: verdict === 'inconclusive' ? 'Stopped before the step ended' : null }),
    attempts: verdict ? 1 : 0,
  });
  const ids = ['C3_IDENTITY', 'C4_CONNECTORS', 'C5_BASELINE', 'C6_READER', 'C7_OFFLINE', 'C10_LOAD_LIMIT', 'C8_SESSION', 'C9_UNLOCK', 'C9_AVAILABILITY', 'C9_RESET'];
  const lastRun = (outcome: CommissioningLastRun['outcome'], steps: string[], stoppedIn: string | null = null): CommissioningLastRun => ({
    outcome,
    startedAt: '2025-01-01T10:00:00Z',
    finishedAt: '2025-01-01T10:05:00Z',
    steps,
    stoppedIn,
  });
  const show = (v: CommissioningView) => open(fakeClient({ 'commissioning:get': () => v }), '/commissioning/c1?step=checks');
  const header = () => screen.getByText(/Depot Nord, Bay 4 · /).textContent;

  it('a re-run stopped with every step holding an earlier result: "Last run stopped", never "0 not run" or "10 of 10 run"', async () => {
    const steps = ids.map((id) => step(id, id === 'C6_READER' ? 'inconclusive' : 'pass'));
    show(view({ steps, verdict: 'incomplete', lastRun: lastRun('stopped', ids, 'C6_READER') }));
    expect(await screen.findByText('Last run stopped — 1 inconclusive')).toBeTruthy();
    expect(header()).toBe('Depot Nord, Bay 4 · Last run stopped (1 inconclusive), not handed over');
    const status = screen.getByRole('status', { name: '' }).textContent!;
    expect(status).toMatch(/^Last run stopped \(1 inconclusive\)/);
    expect(status).not.toMatch(/not run|10 of 10/);
  });

  it('a later single step re-run that finished is not "Stopped": the steps never run make it incomplete', async () => {
    const steps = ids.map((id, i) => step(id, i < 4 ? 'pass' : null));
    show(view({ steps, verdict: 'incomplete', lastRun: lastRun('finished', ['C6_READER']) }));
    expect(await screen.findByText('Incomplete — 6 not run')).toBeTruthy();
    expect(header()).toBe('Depot Nord, Bay 4 · Incomplete, 6 of 10 steps not run, not handed over');
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(/^Incomplete: 4 of 10 steps run, 6 not run/);
    expect(screen.queryByText(/Stopped/)).toBeNull();
  });

  it('a finished run of every step is checked', async () => {
    show(view({ steps: ids.map((id) => step(id, 'pass')), verdict: 'pass', open: [], lastRun: lastRun('finished', ids) }));
    expect(await screen.findByText(/Depot Nord, Bay 4 · /)).toBeTruthy();
    expect(header()).toBe('Depot Nord, Bay 4 · Checked, not handed over');
  });
});

describe('signing again after a refusal', () => {
  it('opens the question without the last refusal once it was cancelled', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'commissioning:get': () => view(),
      'commissioning:handover': () => {
        throw new CallFailure({ status: 409, message: 'c1 is running' });
      },
    });
    open(client, '/commissioning/c1?step=handover');
    await user.click((await screen.findAllByRole('button', { name: 'Type' }))[0]);
    await user.click(screen.getByRole('checkbox', { name: /Stadtwerke acknowledges/ }));
    await user.click(screen.getByRole('button', { name: 'Sign the handover' }));
    let ask = screen.getByRole('dialog', { name: 'Sign the handover of CP001?' });
    await user.click(within(ask).getByRole('button', { name: 'Sign: Needs a revisit' }));
    expect(await within(ask).findByText('Not signed: c1 is running')).toBeTruthy();
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Sign the handover' }));
    ask = screen.getByRole('dialog', { name: 'Sign the handover of CP001?' });
    expect(within(ask).queryByText(/Not signed/)).toBeNull();
    expect(screen.queryByText(/Not signed/)).toBeNull();
  });
});
