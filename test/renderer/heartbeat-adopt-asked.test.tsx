// @vitest-environment jsdom
// After a HeartbeatInterval the next boot will undo, the offer to make the value the bench's setting asks
// first: the Settings answer every charger's BootNotification, not only this one's. The question says so,
// with the interval now; Cancel changes nothing, and only confirming sends the change.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HeartbeatAdvice } from '../../src/renderer/src/features/operations/kit/HeartbeatAdvice';
import { fakeClient, withBench } from './fake-client';

afterEach(cleanup);

describe("making a HeartbeatInterval the bench's setting", () => {
  it('asks first, naming every charger and the interval now: Cancel sends nothing, confirming sends one settings:update', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'settings:update': ({ heartbeatInterval }) => ({ heartbeatInterval }) as never });
    render(withBench(client, <HeartbeatAdvice value="90" boot={{ seconds: 300, from: 'settings' }} sent chargerId="CP001" />));
    const offer = () => screen.getByRole('button', { name: "Make 90 s the bench's setting" });

    await user.click(offer());
    const ask = screen.getByRole('dialog', { name: "Change the bench's heartbeat interval?" });
    expect(ask.textContent).toContain("The bench will answer every charger's BootNotification with 90 s (now 300 s): each takes it at its next boot.");
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('settings:update')).toEqual([]);
    expect(screen.queryByText(/The bench now answers/)).toBeNull();

    await user.click(offer());
    await user.click(within(screen.getByRole('dialog', { name: "Change the bench's heartbeat interval?" })).getByRole('button', { name: 'Answer every boot with 90 s' }));
    await waitFor(() => expect(client.callsOf('settings:update')).toEqual([{ heartbeatInterval: 90 }]));
  });
});
