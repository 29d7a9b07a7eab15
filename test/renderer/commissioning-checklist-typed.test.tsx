// @vitest-environment jsdom
// The on-site checklist keeps what is typed: a measured value or a note is saved once typing pauses (not only
// when the field is left), at once when the field is left or the step is left, and the window asks before it
// closes while a text is not saved; each field says how its text stands. A measured item answered without a
// reading the checklist takes is open, and the header names it.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { ChecklistEntry, CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

/** A bench that keeps the checklist as answered, entry by entry. */
function keepingBench(stored: ChecklistEntry[] = []) {
  let checklist = [...stored];
  return fakeClient({
    'commissioning:get': () => view({ checklist }),
    'commissioning:setChecklist': ({ entries }) => {
      for (const e of entries as ChecklistEntry[]) checklist = [...checklist.filter((c) => c.id !== e.id), e];
      return view({ checklist });
    },
  });
}

/** Whether closing the window now would ask first. */
const leaveAsks = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

const typing = () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  return userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
};
const pause = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

describe('the checklist saves what is typed', () => {
  it('saves a measured value and a note once typing pauses, without leaving the field, and says so beside it', async () => {
    const user = typing();
    const client = keepingBench();
    open(client, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    await user.type(within(earth).getByRole('textbox', { name: 'Earth resistance: measured value (Ω)' }), '0,8');
    expect(client.callsOf('commissioning:setChecklist')).toEqual([]);
    expect(within(earth).getByText('Saving…')).toBeTruthy();
    expect(leaveAsks()).toBe(true);
    await pause(600);
    expect(client.callsOf('commissioning:setChecklist')).toEqual([{ id: 'c1', entries: [{ id: 'earthResistance', result: null, value: '0.8', note: '' }] }]);
    expect(await within(earth).findByText('Saved')).toBeTruthy();
    // The field is not rewritten under the typing; the decimal comma becomes a point when it is left.
    expect((within(earth).getByRole('textbox', { name: /measured value/ }) as HTMLInputElement).value).toBe('0,8');
    expect(leaveAsks()).toBe(false);

    await user.type(within(earth).getByRole('textbox', { name: 'Earth resistance: notes' }), 'rod at the north wall');
    await pause(600);
    expect(client.callsOf('commissioning:setChecklist').at(-1)).toEqual({ id: 'c1', entries: [{ id: 'earthResistance', result: null, value: '0.8', note: 'rod at the north wall' }] });
    expect(client.callsOf('commissioning:setChecklist')).toHaveLength(2);
  });

  it('saves at once when the field is left, and when the step goes away, before typing pauses', async () => {
    const user = typing();
    const client = keepingBench();
    const { unmount } = open(client, '/commissioning/c1?step=checklist');
    const rcd = await screen.findByRole('region', { name: 'RCD trip time' });
    await user.type(within(rcd).getByRole('textbox', { name: 'RCD trip time: notes' }), 'tested at 30 mA');
    await user.tab();
    expect(client.callsOf('commissioning:setChecklist')).toEqual([{ id: 'c1', entries: [{ id: 'rcdTripTime', result: null, value: '', note: 'tested at 30 mA' }] }]);

    const earth = screen.getByRole('region', { name: 'Earth resistance' });
    await user.type(within(earth).getByRole('textbox', { name: 'Earth resistance: notes' }), 'see photo');
    expect(client.callsOf('commissioning:setChecklist')).toHaveLength(1);
    // The page goes while the field still has the focus: the note goes with it.
    unmount();
    await waitFor(() => expect(client.callsOf('commissioning:setChecklist').at(-1)).toEqual({ id: 'c1', entries: [{ id: 'earthResistance', result: null, value: '', note: 'see photo' }] }));
    // Nothing more is sent later.
    await pause(1000);
    expect(client.callsOf('commissioning:setChecklist')).toHaveLength(2);
  });

  it('says why a text was not saved, beside it, and asks before the window closes until it is', async () => {
    const user = typing();
    let refuse = true;
    const client = fakeClient({
      'commissioning:get': () => view(),
      'commissioning:setChecklist': ({ entries }) => {
        if (refuse) throw new CallFailure({ status: 503, message: 'the record is busy' });
        return view({ checklist: entries as CommissioningView['checklist'] });
      },
    });
    open(client, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    await user.type(within(earth).getByRole('textbox', { name: 'Earth resistance: notes' }), 'loose lug');
    await pause(600);
    expect(await within(earth).findByText('Not saved: the record is busy')).toBeTruthy();
    expect(leaveAsks()).toBe(true);
    refuse = false;
    await user.type(within(earth).getByRole('textbox', { name: 'Earth resistance: notes' }), ', fixed');
    await pause(600);
    expect(await within(earth).findByText('Saved')).toBeTruthy();
    expect(client.callsOf('commissioning:setChecklist').at(-1)).toEqual({ id: 'c1', entries: [{ id: 'earthResistance', result: null, value: '', note: 'loose lug, fixed' }] });
    expect(leaveAsks()).toBe(false);
  });
});

describe('a measured value missing or not accepted', () => {
  const conformWithout = (value: string): ChecklistEntry => ({ id: 'earthResistance', result: 'conform', value, note: '' });

  it('leaves the item open: the header does not say every item is checked, and names it', async () => {
    const others: ChecklistEntry[] = (['rcdTripTime', 'rcdTripCurrent', 'insulation', 'phaseRotation'] as const).map((id) => ({
      id,
      result: 'conform',
      value: id === 'phaseRotation' ? 'L1 L2 L3' : '1',
      note: '',
    }));
    const rest: ChecklistEntry[] = (['cable', 'mounting', 'labelling'] as const).map((id) => ({ id, result: 'conform', value: '', note: '' }));
    open(keepingBench([conformWithout(''), ...others, ...rest]), '/commissioning/c1?step=checklist');
    expect(await screen.findByText(/1 item still to check\./)).toBeTruthy();
    expect(screen.queryByText(/Every item is checked/)).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Measured values missing' })).getByText('Earth resistance: its measured value is missing or was not accepted')).toBeTruthy();
    // The stepper counts it as open too (not "8 of 8", a done checklist).
    expect(screen.getByText('7 of 8')).toBeTruthy();
    expect(screen.queryByText('8 of 8')).toBeNull();
  });

  it('withdraws a reading saved while typing when what is finally typed is refused ("1,0" then "1,000"), so the item is open', async () => {
    const user = typing();
    const client = keepingBench([conformWithout('')]);
    open(client, '/commissioning/c1?step=checklist');
    const earth = await screen.findByRole('region', { name: 'Earth resistance' });
    const field = within(earth).getByRole('textbox', { name: 'Earth resistance: measured value (Ω)' });
    await user.type(field, '1,0');
    await pause(600);
    expect(client.callsOf('commissioning:setChecklist').at(-1)).toEqual({ id: 'c1', entries: [{ id: 'earthResistance', result: 'conform', value: '1.0', note: '' }] });
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Measured values missing' })).toBeNull());
    await user.type(field, '00');
    await user.tab();
    expect(within(earth).getByText(/Is the comma a thousands separator or a decimal comma\?/)).toBeTruthy();
    expect((field as HTMLInputElement).value).toBe('1,000');
    expect(client.callsOf('commissioning:setChecklist').at(-1)).toEqual({ id: 'c1', entries: [{ id: 'earthResistance', result: 'conform', value: '', note: '' }] });
    expect(await screen.findByText('Earth resistance: its measured value is missing or was not accepted')).toBeTruthy();
    expect(leaveAsks()).toBe(true);
  });
});
