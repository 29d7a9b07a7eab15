// @vitest-environment jsdom
// What a commissioning sends that cannot be taken back: the handover's signature (once sent, the question
// has no Cancel, says it cannot be withdrawn and, when the bench is slow or silent, that it is signed when
// the bench answers) and a saved template's deletion; and the handover's messages, each gone as soon as its
// field is put right.
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { useBench } from '../../src/renderer/src/stores/bench';

import { builtInTemplates, type CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

const signed = (handover: CommissioningView['handover'] & object) => view({ state: 'handedOver', handover });

/** A call the bench has not answered yet: `answer` answers it. */
function unanswered<T>() {
  let answer!: (value: T) => void;
  let refuse!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    answer = res;
    refuse = rej;
  });
  return { promise, answer, refuse };
}

freshCommissioningScreens();

/** Types the installer's signature, ticks the acknowledgement and asks to sign: the question, open. */
async function askToSign(user: ReturnType<typeof userEvent.setup>) {
  await user.click((await screen.findAllByRole('button', { name: 'Type' }))[0]);
  await user.click(screen.getByRole('checkbox', { name: /Stadtwerke acknowledges/ }));
  await user.click(screen.getByRole('button', { name: 'Sign the handover' }));
  return screen.getByRole('dialog', { name: 'Sign the handover of CP001?' });
}

describe('signing the handover', () => {
  it('once sent, cannot be cancelled: it says it is on its way and, after 10 s without an answer, that it is signed when the bench answers', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const call = unanswered<CommissioningView>();
    const client = fakeClient({ 'commissioning:get': () => view(), 'commissioning:handover': () => call.promise });
    open(client, '/commissioning/c1?step=handover');
    const ask = await askToSign(user);
    expect((within(ask).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(false);
    await user.click(within(ask).getByRole('button', { name: 'Sign: Needs a revisit' }));

    expect(client.callsOf('commissioning:handover')).toHaveLength(1);
    expect(within(ask).getByRole('status').textContent).toBe('Signing… sent to the bench; it cannot be withdrawn.');
    expect(within(ask).getByRole('progressbar', { name: 'Signing…' })).toBeTruthy();
    expect((within(ask).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    // Escape does not close it either.
    fireEvent.keyDown(ask, { key: 'Escape' });
    expect(screen.getByRole('dialog', { name: 'Sign the handover of CP001?' })).toBeTruthy();
    expect(within(ask).queryByText(/has not answered yet/)).toBeNull();

    act(() => void vi.advanceTimersByTime(10_000));
    expect(within(ask).getByText(/The bench has not answered yet: the handover is signed when it does/)).toBeTruthy();

    await act(async () =>
      call.answer(signed({ installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'Stadtwerke', acknowledged: true }, notes: '', signedAt: '2025-01-01T11:00:00Z', verdict: 'fail' })),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText(/Handed over on .* with the verdict Needs a revisit\. The record is final\./)).toBeTruthy();
    expect(client.callsOf('commissioning:handover')).toHaveLength(1);
  });

  it('says at once that the bench has not answered when it stops answering this window meanwhile', async () => {
    const user = userEvent.setup();
    const call = unanswered<CommissioningView>();
    const client = fakeClient({ 'commissioning:get': () => view(), 'commissioning:handover': () => call.promise });
    open(client, '/commissioning/c1?step=handover');
    const ask = await askToSign(user);
    await user.click(within(ask).getByRole('button', { name: 'Sign: Needs a revisit' }));
    expect(within(ask).queryByText(/has not answered yet/)).toBeNull();
    act(() => useBench.setState({ link: 'silent', linkSince: new Date().toISOString() }));
    expect(within(ask).getByText(/The bench has not answered yet: the handover is signed when it does/)).toBeTruthy();
    expect((within(ask).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('when refused, says so in the question, which can then be cancelled; nothing is sent while the bench cannot be reached', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'commissioning:get': () => view(),
      'commissioning:handover': () => {
        throw new CallFailure({ status: 409, message: 'c1 is running: wait for the run to end (or stop it) before the handover' });
      },
    });
    open(client, '/commissioning/c1?step=handover');
    const ask = await askToSign(user);
    await user.click(within(ask).getByRole('button', { name: 'Sign: Needs a revisit' }));
    expect(await within(ask).findByText('Not signed: c1 is running: wait for the run to end (or stop it) before the handover')).toBeTruthy();
    expect((within(ask).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(false);
    act(() => useBench.setState({ link: 'closed' }));
    expect(within(ask).getByText('The bench cannot be reached.')).toBeTruthy();
    expect((within(ask).getByRole('button', { name: 'Sign: Needs a revisit' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe("the handover's messages", () => {
  it('each goes as soon as its field is put right: a drawn signature, then the ticked acknowledgement', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, clearRect() {} } as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,SIGNED');
    const client = fakeClient({ 'commissioning:get': () => view() });
    open(client, '/commissioning/c1?step=handover');
    await userEvent.click(await screen.findByRole('button', { name: 'Sign the handover' }));
    expect(screen.getByText('Draw the signature')).toBeTruthy();
    expect(screen.getByText('The customer must acknowledge the handover')).toBeTruthy();

    const pad = screen.getByRole('img', { name: "Installer's signature: draw here" });
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 60, clientY: 40 });
    fireEvent.pointerUp(pad, { pointerId: 1 });
    expect(screen.queryByText('Draw the signature')).toBeNull();
    expect(screen.getByText('The customer must acknowledge the handover')).toBeTruthy();

    await userEvent.click(screen.getByRole('checkbox', { name: /Stadtwerke acknowledges/ }));
    expect(screen.queryByText('The customer must acknowledge the handover')).toBeNull();
    // Put wrong again, it says so again.
    await userEvent.click(screen.getByRole('button', { name: 'Clear the signature' }));
    expect(screen.getByText('Draw the signature')).toBeTruthy();
    expect(client.callsOf('commissioning:handover')).toEqual([]);
  });
});

describe('deleting a saved template', () => {
  const saved = { ...builtInTemplates[0], name: 'Depot Nord AC' };

  it('once sent, cannot be cancelled; refused, it says so and stays open', async () => {
    const call = unanswered<null>();
    const client = fakeClient({ 'commissioning:templates': () => ({ builtIn: builtInTemplates, saved: [saved] }), 'commissioning:deleteTemplate': () => call.promise });
    open(client, '/commissioning/new?step=plan');
    await userEvent.click(await screen.findByRole('combobox', { name: 'Template' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Depot Nord AC' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const ask = screen.getByRole('dialog', { name: 'Delete Depot Nord AC?' });
    await userEvent.click(within(ask).getByRole('button', { name: 'Delete Depot Nord AC' }));
    expect(within(ask).getByRole('status').textContent).toBe('Deleting… sent to the bench; it cannot be withdrawn.');
    expect((within(ask).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(ask, { key: 'Escape' });
    expect(screen.getByRole('dialog', { name: 'Delete Depot Nord AC?' })).toBeTruthy();

    await act(async () => call.refuse(new CallFailure({ status: 409, message: 'the bench is busy' })));
    expect(await within(ask).findByText('Not deleted: the bench is busy')).toBeTruthy();
    expect((within(ask).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
