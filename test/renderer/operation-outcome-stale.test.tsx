// @vitest-environment jsdom
// An operation panel's last outcome under a form that has changed since it was sent is not taken for the
// answer to what the form shows now: it says it belongs to the request sent then (at its time), and is shown
// as secondary (outlined); the form set back to what was sent makes it current again. So for the wait of a
// send still unanswered, and for a failure of one that may have gone out.
import { describe, expect, it } from 'vitest';
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { useOperationForm } from '../../src/renderer/src/features/operations/kit/useOperation';
import { CallFailure } from '../../src/renderer/src/api/client';
import { formatClock } from '../../src/renderer/src/components/format';
import { useOperationSlots } from '../../src/renderer/src/stores/operations';
import type { OperationResult } from '../../src/shared/api/contract';
import { aCharger, benchPerTest, fakeClient, withBench } from './fake-client';

const goLive = benchPerTest(() => ({ chargers: { CP001: aCharger('CP001') } }));

const accepted = { outcome: 'completed', response: { status: 'Accepted' }, operationId: 1 } as OperationResult;
const staleNote = () => screen.queryByTestId('outcome-stale');
/** When the Reset panel's last send was asked for, as the note must name it. */
const sentAt = () => formatClock(useOperationSlots.getState().slots.CP001!.Reset!.requestedAt!);

async function softReset(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Soft reset…' }));
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /^Soft reset CP001/ }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
}

describe('the outcome under a form changed since the send', () => {
  it('says a Reset answer belongs to the reset sent, not to the type chosen since, until the form is set back', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': async () => accepted });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="Reset" />));

    await softReset(user);
    const answer = await screen.findByText('Soft reset: Accepted');
    const alert = answer.closest('.MuiAlert-root')!;
    // Just answered, the form as sent: the answer is current.
    expect(staleNote()).toBeNull();
    expect(alert.className).not.toContain('MuiAlert-outlined');

    await user.click(screen.getByRole('radio', { name: /^Hard/ }));
    expect(staleNote()?.textContent).toBe(`The form has changed since: this is the answer to the request sent at ${sentAt()} (type Soft), not to what the form shows now.`);
    expect(screen.getByText('Soft reset: Accepted').closest('.MuiAlert-root')!.className).toContain('MuiAlert-outlined');

    await user.click(screen.getByRole('radio', { name: /^Soft/ }));
    expect(staleNote()).toBeNull();
    expect(screen.getByText('Soft reset: Accepted').closest('.MuiAlert-root')!.className).not.toContain('MuiAlert-outlined');
  });

  it('says so of a ChangeAvailability still waiting for its answer once another availability is chosen', async () => {
    const user = userEvent.setup();
    let answer: ((r: OperationResult) => void) | undefined;
    const client = fakeClient({ 'chargers:operate': () => new Promise<OperationResult>((resolve) => (answer = resolve)) });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="ChangeAvailability" />));

    await user.click(screen.getByRole('radio', { name: /^Operative/ }));
    await user.click(screen.getByRole('button', { name: 'Make CP001 Operative (all connectors)' }));
    await waitFor(() => expect(client.refs).toHaveLength(1));
    expect(staleNote()).toBeNull();

    await user.click(screen.getByRole('radio', { name: /^Inoperative/ }));
    expect(staleNote()?.textContent).toMatch(/^The form has changed since: this waits for the answer to the request sent at \d{1,2}:\d{2}:\d{2}.*, not to what the form shows now\.$/);

    await user.click(screen.getByRole('radio', { name: /^Operative/ }));
    expect(staleNote()).toBeNull();
    answer!(accepted);
    expect(await screen.findByText(/ChangeAvailability: Accepted/)).toBeTruthy();
    expect(staleNote()).toBeNull();
  });

  it('says so of a failure of a send that may have gone out, not of a refusal before sending', async () => {
    const user = userEvent.setup();
    let status = 0;
    const client = fakeClient({
      'chargers:operate': () => {
        throw new CallFailure({ status, message: status ? 'Unknown charger' : 'The bench is not reachable' });
      },
    });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="Reset" />));

    await softReset(user);
    expect((await screen.findByRole('alert')).textContent).toContain('It is not known whether Soft reset reached CP001');
    await user.click(screen.getByRole('radio', { name: /^Hard/ }));
    expect(staleNote()?.textContent).toBe(`The form has changed since: this is about the request sent at ${sentAt()} (type Soft), not about what the form shows now.`);
    expect(screen.getByRole('alert').className).toContain('MuiAlert-outlined');

    // Refused by the bench: nothing went out, so there is no earlier request to set apart.
    status = 404;
    await user.click(screen.getByRole('radio', { name: /^Soft/ }));
    await softReset(user);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Nothing was sent'));
    await user.click(screen.getByRole('radio', { name: /^Hard/ }));
    expect(staleNote()).toBeNull();
  });

  it('does not take an AuthorizationKey typed as sent for a change (what was sent is kept redacted)', async () => {
    const client = fakeClient({ 'chargers:operate': async () => accepted });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    const wrapper = ({ children }: { children: ReactNode }) => withBench(client, children);
    const { result, rerender } = renderHook(({ value }) => useOperationForm('CP001', 'ChangeConfiguration', { key: 'AuthorizationKey', value }), { wrapper, initialProps: { value: 'secret-one' } });
    expect(result.current.op.formChanged).toBe(false);
    await act(() => result.current.send());
    expect(result.current.op.request).toEqual({ key: 'AuthorizationKey', value: '[redacted]' });
    expect(result.current.op.formChanged).toBe(false);
    // The form drawn again with the password sent still typed: the same request, not a change.
    rerender({ value: 'secret-one' });
    expect(result.current.op.formChanged).toBe(false);
    // A form that is not valid now (a value over ChangeConfiguration's 500 characters) is not what was sent.
    rerender({ value: 'x'.repeat(501) });
    expect(result.current.op.formChanged).toBe(true);
  });
  it('keeps an accepted reservation current when the panel moves the reservation id on by itself, not when the person changes the form', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': async () => accepted });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="ReserveNow" />));

    await user.type(screen.getByRole('textbox', { name: /^idTag/ }), 'RESTAG1');
    const reservationId = screen.getAllByRole('textbox', { name: /^Reservation id/ })[0] as HTMLInputElement;
    await user.clear(reservationId);
    await user.type(reservationId, '461375');
    await user.click(screen.getByRole('button', { name: 'Reserve connector 1' }));
    expect(await screen.findByText('ReserveNow: Accepted')).toBeTruthy();
    // The panel offers the next id for the next reservation: the answer is still this form's.
    await waitFor(() => expect((screen.getAllByRole('textbox', { name: /^Reservation id/ })[0] as HTMLInputElement).value).toBe('461376'));
    expect(staleNote()).toBeNull();

    // An id typed by the person is theirs: the answer is no longer this form's.
    const next = screen.getAllByRole('textbox', { name: /^Reservation id/ })[0] as HTMLInputElement;
    await user.clear(next);
    await user.type(next, '777');
    expect(staleNote()?.textContent).toMatch(
      /^The form has changed since: this is the answer to the request sent at .* \(connectorId 1, expiryDate .*, idTag RESTAG1, reservationId 461375\), not to what the form shows now\.$/,
    );
    await user.clear(next);
    await user.type(next, '461376');
    expect(staleNote()).toBeNull();

    await user.type(screen.getByRole('textbox', { name: /^idTag/ }), '2');
    expect(staleNote()?.textContent).toMatch(/^The form has changed since: this is the answer to the request sent at /);
  });
  it('keeps a Get diagnostics answer current when the bench renews its upload location, not when another kind of location is chosen', async () => {
    const user = userEvent.setup();
    let made = 0;
    const client = fakeClient({
      'chargers:operate': async () => ({ outcome: 'completed', response: { fileName: 'diag.zip' }, operationId: 1 }) as OperationResult,
      'files:uploadLocation': async ({ chargerId }) => {
        made++;
        return {
          id: `loc-${made}`,
          chargerId,
          http: `http://192.0.2.2:9000/uploads/t${made}/`,
          ftp: `ftp://diag-${made}:pw@192.0.2.2:2121/`,
          alternatives: { http: [], ftp: [] },
          createdAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        };
      },
    });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetDiagnostics" />));
    const location = () => (screen.getByRole('textbox', { name: /Upload location/ }) as HTMLInputElement).value;
    await waitFor(() => expect(location()).toContain('ftp://diag-1:'));
    await user.click(screen.getByRole('button', { name: 'Request diagnostics' }));
    expect(await screen.findByText(/^GetDiagnostics: /)).toBeTruthy();
    // The location was used up: the bench made the next one, of the same kind.
    await waitFor(() => expect(location()).toContain('ftp://diag-2:'));
    expect(staleNote()).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Bench over HTTP' }));
    expect(location()).toMatch(/^http:/);
    expect(staleNote()?.textContent).toContain('location ftp://diag-1:');
  });
});
