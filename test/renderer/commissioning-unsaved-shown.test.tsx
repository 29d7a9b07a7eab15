// @vitest-environment jsdom
// What the installer types in the wizard is neither lost nor overwritten without a word: a checklist text stays in
// its field while it is on its way and when the bench did not take it; one that could not be saved after its step
// was left is said on the step shown; and a site's job fills in only what the user did not type.
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { forgetLostSaves } from '../../src/renderer/src/features/commissioning/lost-saves';
import type { CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();
beforeEach(forgetLostSaves);

/** Whether closing the window now would ask first. */
const leaveAsks = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

/** A bench that answers each checklist save when the test says, refusing it or keeping it. */
function answeringBench() {
  const waiting: Array<(refusal: string | null) => void> = [];
  const client = fakeClient({
    'commissioning:get': () => view(),
    'commissioning:setChecklist': ({ entries }) =>
      new Promise((resolve, reject) =>
        waiting.push((refusal) => (refusal ? reject(new CallFailure({ status: 503, message: refusal })) : resolve(view({ checklist: entries as CommissioningView['checklist'] })))),
      ),
  });
  const answer = async (refusal: string | null) => {
    await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    waiting.shift()!(refusal);
  };
  return { client, answer };
}

/** The wizard's word on a text not saved after its step was left. */
const lostAlert = async () => (await screen.findByText(/^Not saved:/)).closest<HTMLElement>('[role="alert"]')!;

const notes = (region: HTMLElement) => within(region).getByRole('textbox', { name: /: notes$/ }) as HTMLTextAreaElement;

describe('a checklist text left', () => {
  it('stays as typed while its save is on its way, and when the bench refuses it, beside "Not saved"', async () => {
    const user = userEvent.setup();
    const { client, answer } = answeringBench();
    open(client, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    await user.type(notes(earth), 'loose lug');
    await user.tab();
    expect(within(earth).getByText('Saving…')).toBeTruthy();
    expect(notes(earth).value).toBe('loose lug');
    await answer('the record is busy');
    expect(await within(earth).findByText('Not saved: the record is busy')).toBeTruthy();
    expect(notes(earth).value).toBe('loose lug');
    expect(leaveAsks()).toBe(true);

    // Left again, it is sent again; once kept, the field shows the bench's text, the same.
    await user.click(notes(earth));
    await user.tab();
    await answer(null);
    expect(await within(earth).findByText('Saved')).toBeTruthy();
    expect(notes(earth).value).toBe('loose lug');
    expect(leaveAsks()).toBe(false);
  });

  it('not saved once its step was left is said on the step shown, with the text as typed, until put aside', async () => {
    const user = userEvent.setup();
    const { client, answer } = answeringBench();
    open(client, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    await user.type(notes(earth), 'see photo');
    // Another step at once: the note is on its way when the checklist goes.
    await user.click(screen.getByRole('tab', { name: /^Report/ }));
    await screen.findByRole('region', { name: 'Report' });
    await answer('the link to the bench is lost');
    const alert = await lostAlert();
    expect(alert.textContent).toBe('Not saved: the note of Earth resistance (the link to the bench is lost). As typed: “see photo”');
    expect(leaveAsks()).toBe(true);
    await user.click(within(alert).getByRole('button', { name: 'Close' }));
    expect(screen.queryByText(/^Not saved:/)).toBeNull();
    expect(leaveAsks()).toBe(false);
  });

  it('refused as typed when its step was left is said too (a reading "1,000")', async () => {
    const user = userEvent.setup();
    const { client } = answeringBench();
    open(client, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    await user.type(within(earth).getByRole('textbox', { name: 'Earth resistance: measured value (Ω)' }), '1,000');
    await user.click(screen.getByRole('tab', { name: /^Report/ }));
    await screen.findByRole('region', { name: 'Report' });
    expect((await lostAlert()).textContent).toMatch(/^Not saved: the measured value of Earth resistance \(Is the comma a thousands separator.*\)\. As typed: “1,000”$/);
    expect(client.callsOf('commissioning:setChecklist')).toEqual([]);
  });
});

describe('a site commissioned before', () => {
  const depotA = { site: 'Depot A', address: 'Hafenstraße 1', location: 'Bay 3', installer: 'A. Person', company: 'Elektro GmbH', customer: 'Stadtwerke' };
  const depotB = { site: 'Depot B', address: 'Bahnweg 7', location: 'Bay 1', installer: 'B. Person', company: 'Strom AG', customer: 'Spedition' };
  const field = (name: string | RegExp) => screen.getByRole('textbox', { name }) as HTMLInputElement;
  const site = () => screen.getByRole('combobox', { name: /Site/ }) as HTMLInputElement;

  const start = async () => {
    const client = fakeClient({ 'commissioning:sites': () => [depotA, depotB] });
    open(client, '/commissioning/new?step=site');
    await waitFor(() => expect(client.callsOf('commissioning:sites')).toHaveLength(1));
  };

  it('does not fill in again over what was changed when its name is touched and left unchanged', async () => {
    const user = userEvent.setup();
    await start();
    await user.type(site(), 'Depot A');
    await user.tab();
    expect(field('Site address').value).toBe('Hafenstraße 1');
    await user.clear(field('Site address'));
    await user.type(field('Site address'), 'Hafenstraße 3');
    await user.type(site(), ' {Backspace}');
    await user.tab();
    expect(site().value).toBe('Depot A');
    expect(field('Site address').value).toBe('Hafenstraße 3');
    expect(field(/^Installer/).value).toBe('A. Person');
  });

  it('another site fills in its job, but not over a field typed in, and says which', async () => {
    const user = userEvent.setup();
    await start();
    await user.type(site(), 'Depot A');
    await user.tab();
    await user.clear(field('Customer'));
    await user.type(field('Customer'), 'Hafen GmbH');
    await user.clear(site());
    await user.type(site(), 'depot b');
    await user.tab();
    expect(site().value).toBe('Depot B');
    expect(field('Site address').value).toBe('Bahnweg 7');
    expect(field(/^Installer/).value).toBe('B. Person');
    expect(field('Company').value).toBe('Strom AG');
    expect(field('Customer').value).toBe('Hafen GmbH');
    expect(screen.getByText('Filled in with the job last used at Depot B, except what was typed in Customer; change what differs for this charger.')).toBeTruthy();
  });
});
