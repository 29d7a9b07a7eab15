// @vitest-environment jsdom
// A Hard reset the charger did not answer in time is said as such: the outcome names the reset that was
// sent ("Hard reset: No answer"), and the panel shown again keeps Hard selected rather than falling back
// to Soft; a choice changed after the send does not rename the outcome.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { useBench } from '../../src/renderer/src/stores/bench';
import type { OperationResult } from '../../src/shared/api/contract';
import { aCharger, benchPerTest, fakeClient, withBench } from './fake-client';
import { operationChanged, secondsFromNow } from './builders';

const T0 = secondsFromNow(-2);
const DUE = secondsFromNow(28);
const progress = (patch: Parameters<typeof operationChanged>[1]) => operationChanged(T0, patch);

/** Each test on a loaded bench holding CP001; `goLive` feeds the store the client's events. */
const goLive = benchPerTest(() => ({ chargers: { CP001: aCharger('CP001') } }));

const menu = () => within(screen.getByRole('navigation', { name: 'Operations' }));
const open = (user: ReturnType<typeof userEvent.setup>, label: string) => user.click(menu().getByRole('button', { name: label }));

describe('a Hard reset that got no answer', () => {
  it('names the Hard reset in its outcome and keeps Hard selected when the panel is shown again', async () => {
    const user = userEvent.setup();
    let answer: ((r: OperationResult) => void) | undefined;
    const client = fakeClient({ 'chargers:operate': () => new Promise<OperationResult>((resolve) => (answer = resolve)) });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="Reset" />));

    await user.click(screen.getByRole('radio', { name: /^Hard/ }));
    await user.click(screen.getByRole('button', { name: 'Hard reset…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Hard reset CP001' }));
    await waitFor(() => expect(client.refs).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    client.emit([progress({ ref: client.refs[0]!, action: 'Reset', state: 'sent', sentAt: T0, dueBy: DUE, operationId: 1 })]);

    // Left while waiting; the answer (none in time) comes meanwhile.
    await open(user, 'Trigger message');
    answer!({ outcome: 'timeout', error: { description: 'No answer to Reset within 30 s' }, operationId: 1 });
    client.emit([progress({ ref: client.refs[0]!, action: 'Reset', state: 'finished', sentAt: T0, dueBy: DUE, operationId: 1, outcome: 'timeout' })]);
    await waitFor(() => expect(useBench.getState().inFlight).toEqual({}));
    await open(user, 'Reset');

    expect(await screen.findByText('Hard reset: No answer')).toBeTruthy();
    expect(screen.queryByText('Reset: No answer')).toBeNull();
    expect((screen.getByRole('radio', { name: /^Hard/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Hard reset…' })).toBeTruthy();

    // Choosing Soft for the next send does not rename what was sent.
    await user.click(screen.getByRole('radio', { name: /^Soft/ }));
    expect(screen.getByRole('button', { name: 'Soft reset…' })).toBeTruthy();
    expect(screen.getByText('Hard reset: No answer')).toBeTruthy();
  });
});
