// @vitest-environment jsdom
// What the installer types in the wizard is not lost: the handover form (signatures drawn or typed, the
// customer, the acknowledgement, the notes) is kept across a reload and a visit to another step until it is
// signed; and a site's name typed in full fills in its job as picking it from the list does.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const field = (name: string | RegExp) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const acknowledgement = () => screen.getByRole('checkbox', { name: /acknowledges that the charger was handed over/ }) as HTMLInputElement;

/** Draws on the installer's pad: the drawing is kept as this PNG. */
function drawInstallerSignature() {
  const pad = screen.getByRole('img', { name: "Installer's signature: draw here" });
  fireEvent.pointerDown(pad, { pointerId: 1, clientX: 10, clientY: 10 });
  fireEvent.pointerMove(pad, { pointerId: 1, clientX: 60, clientY: 40 });
  fireEvent.pointerUp(pad, { pointerId: 1 });
}

describe('the handover form', () => {
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
      beginPath() {},
      moveTo() {},
      lineTo() {},
      stroke() {},
      clearRect() {},
      drawImage() {},
    } as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,SIGNED');
  });

  it('is kept across a reload: the drawn signature, the customer, the acknowledgement and the notes, and signs with them', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'commissioning:get': () => view() });
    open(client, '/commissioning/c1?step=handover');
    await screen.findByRole('button', { name: 'Sign the handover' });
    drawInstallerSignature();
    await user.clear(field("Customer's name"));
    await user.type(field("Customer's name"), 'B. Kunde');
    await user.click(acknowledgement());
    await user.type(field('Notes for the report'), 'Key box code given to the caretaker');

    // F5: the page is made again from nothing but the tab's storage.
    cleanup();
    const again = fakeClient({ 'commissioning:get': () => view(), 'commissioning:handover': () => view() });
    open(again, '/commissioning/c1?step=handover');
    await screen.findByRole('button', { name: 'Sign the handover' });
    expect(field("Customer's name").value).toBe('B. Kunde');
    expect(acknowledgement().checked).toBe(true);
    expect(field('Notes for the report').value).toBe('Key box code given to the caretaker');
    await user.click(screen.getByRole('button', { name: 'Sign the handover' }));
    // The drawing is still there: nothing asks for it.
    expect(screen.queryByText('Draw the signature')).toBeNull();
    const ask = screen.getByRole('dialog', { name: 'Sign the handover of CP001?' });
    await user.click(within(ask).getByRole('button', { name: 'Sign: Needs a revisit' }));
    await waitFor(() => expect(again.callsOf('commissioning:handover')).toHaveLength(1));
    expect(again.callsOf('commissioning:handover')[0]).toEqual({
      id: 'c1',
      handover: {
        installer: { name: 'A. Person', kind: 'drawn', image: 'data:image/png;base64,SIGNED' },
        customer: { name: 'B. Kunde', acknowledged: true },
        notes: 'Key box code given to the caretaker',
      },
    });
  });

  it('is kept across a visit to another step (a typed signature, the notes), and dropped once signed', async () => {
    const user = userEvent.setup();
    const signed = view({
      state: 'handedOver',
      handover: { installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'Stadtwerke', acknowledged: true }, notes: 'ok', signedAt: '2025-01-01T11:00:00Z', verdict: 'fail' },
    });
    let current: CommissioningView = view();
    const client = fakeClient({ 'commissioning:get': () => current, 'commissioning:handover': () => (current = signed) });
    open(client, '/commissioning/c1?step=handover');
    await user.click((await screen.findAllByRole('button', { name: 'Type' }))[0]!);
    await user.type(field('Notes for the report'), 'ok');
    await user.click(screen.getByRole('tab', { name: /^Report/ }));
    await screen.findByRole('region', { name: 'Report' });
    await user.click(screen.getByRole('tab', { name: /^Handover/ }));
    expect(field('Notes for the report').value).toBe('ok');
    expect(screen.getByLabelText("Installer's signature: typed").textContent).toBe('A. Person');

    await user.click(acknowledgement());
    await user.click(screen.getByRole('button', { name: 'Sign the handover' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Sign: Needs a revisit' }));
    expect(await screen.findByText(/The record is final\./)).toBeTruthy();
    expect(client.callsOf('commissioning:handover')[0]?.handover).toMatchObject({ installer: { kind: 'typed' }, notes: 'ok' });
    expect(Object.keys(sessionStorage).filter((k) => k.includes('handover'))).toEqual([]);
  });
});

describe('the site typed in full', () => {
  const known = { site: 'Depot Nord', address: 'Hafenstraße 1', location: 'Bay 3', installer: 'A. Person', company: 'Elektro GmbH', customer: 'Stadtwerke' };

  it('fills in its job when the field is left, whatever its case and spaces, as picking it does', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'commissioning:sites': () => [known] });
    open(client, '/commissioning/new?step=site');
    await waitFor(() => expect(client.callsOf('commissioning:sites')).toHaveLength(1));
    await user.type(screen.getByRole('combobox', { name: /Site/ }), ' depot nord ');
    await user.tab();
    expect((screen.getByRole('combobox', { name: /Site/ }) as HTMLInputElement).value).toBe('Depot Nord');
    expect(field('Site address').value).toBe('Hafenstraße 1');
    expect(field(/^Installer/).value).toBe('A. Person');
    expect(field('Company').value).toBe('Elektro GmbH');
    expect(field('Customer').value).toBe('Stadtwerke');
    expect(screen.getByText('Filled in with the job last used at Depot Nord; change what differs for this charger.')).toBeTruthy();
  });

  it('leaves a name that is not a known site as typed, and fills in nothing', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'commissioning:sites': () => [known] });
    open(client, '/commissioning/new?step=site');
    await waitFor(() => expect(client.callsOf('commissioning:sites')).toHaveLength(1));
    await user.type(screen.getByRole('combobox', { name: /Site/ }), 'Depot Nord 2');
    await user.tab();
    expect((screen.getByRole('combobox', { name: /Site/ }) as HTMLInputElement).value).toBe('Depot Nord 2');
    expect(field('Site address').value).toBe('');
  });
});
