// @vitest-environment jsdom
// An installer's review of the commissioning's words: the confirmation before a step runs says "again" only
// for a step that has run, never "settings are left as they are" beside ending a session; Stop says only what happens
// (a step in progress, a request showing, the charger online); a template file that is not one says what is
// wrong in words; the signing confirmation lists what is still open.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { CommissioningPrompts } from '../../src/renderer/src/features/commissioning/CommissioningPrompts';
import { open, view, result, freshCommissioningScreens } from './commissioning-fixtures';
import { rerunConsequence, rerunLabel, rerunTitle, stepEffect, stopWords } from '../../src/renderer/src/features/commissioning/run-words';
import { readTemplateJson } from '../../src/renderer/src/features/commissioning/TemplateTools';
import { useBench } from '../../src/renderer/src/stores/bench';

freshCommissioningScreens();

const steps = [
  { id: 'C7_OFFLINE', title: 'Offline authorization policy', section: '7', result: null, attempts: 0 },
  { id: 'C8_SESSION', title: 'Test session', section: '8', result: result({ id: 'C8_SESSION', title: 'Test session', verdict: 'pass' }), attempts: 1 },
];

describe('the confirmation before a step runs', () => {
  it('does not say "again" for a step not run yet, and says it for one that ran', () => {
    const v = view({ steps });
    expect(rerunTitle(v, ['C7_OFFLINE'])).toBe('Run “Offline authorization policy” on CP001?');
    expect(rerunTitle(v, ['C8_SESSION'])).toBe('Run “Test session” again on CP001?');
  });

  it('names the button as the title says it, whatever the charger is called (a space in its id)', () => {
    const v = view({ steps, chargerId: 'Bay 4 left' });
    expect(rerunTitle(v, ['C8_SESSION'])).toBe('Run “Test session” again on Bay 4 left?');
    expect(rerunLabel(v, ['C8_SESSION'])).toBe('Run “Test session” again');
    expect(rerunLabel(v, undefined)).toBe('Run every step again');
  });

  it('never says the settings are left as they are beside ending a session running there', () => {
    const v = view({ steps });
    const tx = (transactionId: number, connectorId: number, idTag: string) => ({ transactionId, connectorId, idTag, connectorSays: null, supersededBy: null });
    const one = [tx(5, 1, 'CUSTOMER-1')];
    const two = [tx(5, 1, 'CUSTOMER-1'), tx(6, 2, 'CUSTOMER-2')];
    // A step that only reads leaves a session running there alone (the run's leaveSessions), and says so.
    const withSession = rerunConsequence(v, ['C7_OFFLINE'], one, null);
    expect(withSession).toBe(
      'It reads the offline authorization settings and the local list version; its settings are left as they are (MinimumStatusDuration, where it has one, is set to 0 for the step and put back after). The session running there now is left running: transaction 5 on connector 1 (idTag CUSTOMER-1).',
    );
    expect(withSession).not.toContain('RemoteStopTransaction');
    // Every step again names the sessions it ends.
    expect(rerunConsequence(v, undefined, two, null)).toContain(
      'Before the first step, the bench ends the 2 sessions the record holds open there (RemoteStopTransaction): transaction 5 on connector 1 (idTag CUSTOMER-1); transaction 6 on connector 2 (idTag CUSTOMER-2).',
    );
    expect(rerunConsequence(v, ['C8_SESSION'], one, null)).toContain(
      'Before the step, the bench ends the session the record holds open there (RemoteStopTransaction): transaction 5 on connector 1 (idTag CUSTOMER-1).',
    );
    expect(rerunConsequence(v, ['C8_SESSION'], one, null)).not.toContain('left as they are');
    // Nothing running: a step that only reads says so.
    expect(rerunConsequence(v, ['C7_OFFLINE'], [], null)).toBe(
      'It reads the offline authorization settings and the local list version; its settings are left as they are (MinimumStatusDuration, where it has one, is set to 0 for the step and put back after).',
    );
    // A step that changes something never says it.
    expect(stepEffect('C8_SESSION', v.template, false)).not.toContain('left as they are');
    expect(rerunConsequence(v, ['C8_SESSION'], one, null)).toContain('Earlier results are replaced.');
  });

  it('opens from the step’s Run with the step’s own title', async () => {
    const client = fakeClient({ 'commissioning:get': () => view({ steps }), 'commissioning:prompt': () => null });
    open(client, '/commissioning/c1?step=checks');
    const list = await screen.findByRole('list', { name: 'Steps of the plan' });
    const item = within(list).getByRole('listitem', { name: 'Offline authorization policy' });
    await userEvent.click(within(item).getByRole('button', { expanded: false }));
    await userEvent.click(await within(item).findByRole('button', { name: 'Run “Offline authorization policy”' }));
    expect(await screen.findByText('Run “Offline authorization policy” on CP001?')).toBeTruthy();
  });
});

describe('what Stop does, from the live state', () => {
  const base = { chargerId: 'CP001', requestShowing: false, online: true };
  it('says a step ends unfinished only when one is in progress', () => {
    const preparing = stopWords({ ...base, stepTitle: null, before: 'preparing CP001 before Test session; 1 step requested', requestShowing: true });
    expect(preparing).not.toContain('inconclusive');
    expect(preparing).toContain('No step has begun (the run is preparing CP001 before Test session; 1 step requested)');
    expect(preparing).toContain('its request to the person at the charger withdrawn');
  });
  it('says a request is withdrawn only while one shows', () => {
    expect(stopWords({ ...base, stepTitle: 'Test session' })).not.toContain('withdrawn');
    expect(stopWords({ ...base, stepTitle: 'Test session', requestShowing: true })).toContain('withdrawn');
  });
  it('does not say the charger is put back while it is offline', () => {
    const offline = stopWords({ ...base, stepTitle: 'Card reader', requestShowing: true, online: false });
    expect(offline).not.toContain('the charger is put back');
    expect(offline).toContain('nothing is put back: CP001 is offline');
    expect(stopWords({ ...base, stepTitle: 'Card reader' })).toContain('and the charger is put back');
  });
  it('in the request’s own Stop, says the charger is offline and nothing is put back', async () => {
    const running = view({ state: 'running', running: { stepId: 'C8_SESSION', step: 'Step 2: present the card' }, steps });
    const prompt = {
      caseId: 'C8_SESSION',
      step: 2,
      action: { kind: 'presentIdTag' as const, connectorId: 1, idTag: 'COMMISSION-1' },
      text: 'Present the card COMMISSION-1 at connector 1, then press Done.',
      timeoutS: 300,
    };
    const client = fakeClient({
      'commissioning:get': () => running,
      'commissioning:list': () => [{ id: 'c1', chargerId: 'CP001', site: 'Depot Nord', location: 'Bay 4', state: 'running', verdict: 'incomplete', createdAt: '', updatedAt: '' }],
      'commissioning:prompt': () => prompt,
    });
    useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001!, connected: false } } }));
    render(withBench(client, <CommissioningPrompts />));
    const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stop the commissioning…' }));
    const ask = within(dialog).getByRole('alertdialog', { name: 'Stop the commissioning?' });
    await within(ask).findByText(/The step in progress \(Test session\)/);
    expect(ask.textContent).toContain('nothing is put back: CP001 is offline');
    expect(ask.textContent).not.toContain('the charger is put back');
  });
});

describe('a template file that is not one', () => {
  it('says what is wrong with its keys in words', () => {
    const r = readTemplateJson('{"name":"Bad","keys":5}', 'bad.json');
    expect(r).toEqual({ error: 'bad.json is not a commissioning template (keys: must be an object of configuration key → value, found a number).' });
    const v = readTemplateJson('{"name":"Bad","keys":{"HeartbeatInterval":300}}', 'bad.json');
    expect(v).toEqual({ error: 'bad.json is not a commissioning template (keys.HeartbeatInterval: must be text (a configuration value), found a number).' });
  });
});

describe('the signing confirmation of an incomplete commissioning', () => {
  it('lists the items still open, one each', async () => {
    const user = userEvent.setup();
    const open_ = ['The last run was stopped: 6 steps not run yet', 'Card reader inconclusive', 'Earth resistance not checked'];
    open(fakeClient({ 'commissioning:get': () => view({ verdict: 'incomplete', open: open_ }) }), '/commissioning/c1?step=handover');
    await user.click((await screen.findAllByRole('button', { name: 'Type' }))[0]!);
    await user.click(screen.getByRole('checkbox', { name: /Stadtwerke acknowledges/ }));
    await user.click(screen.getByRole('button', { name: 'Sign the handover' }));
    const ask = screen.getByRole('dialog', { name: 'Sign the handover of CP001?' });
    const items = within(within(ask).getByRole('list', { name: 'Items still open' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual(open_);
    expect(ask.textContent).toContain('and 3 items still open:');
  });
});
