// @vitest-environment jsdom
// A firmware update waiting at a charger is named in every confirmation that may set it off, lose it or
// replace it: stopping a session (the card's Stop, the transactions' Stop, the Remote stop panel), Soft and
// Hard reset, Unlock, Change availability and a second Update firmware, with its file, the charger's last
// status and when. A status from before the charger's last reboot (BootNotification) is said as such, on
// the overview and in the panels, and the confirmations say it as uncertain: a charger that rebooted and
// dropped the update never says so. The Update firmware form's retrieve date starts now.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aTransaction, completed, minutesAgo } from './builders';
import { chargerScreenHooks, goLive, renderChargerPage } from './charger-page-harness';
import { useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { StopTransactionButton } from '../../src/renderer/src/features/operations/QuickActions';
import { progressStanding, statusTime } from '../../src/renderer/src/components/running';
import type { ChargerView, OperationView } from '../../src/shared/api/views';

chargerScreenHooks();

const downloadedAt = minutesAgo(10);
const requestedAt = minutesAgo(12);
const updateOp: OperationView = {
  id: 5,
  chargerId: 'SITE-A',
  action: 'UpdateFirmware',
  request: { location: 'http://10.0.0.2:8180/files/abc123/fw-2.1.0.bin', retrieveDate: requestedAt },
  sentAt: requestedAt,
  finishedAt: requestedAt,
  outcome: 'completed',
  response: {},
  error: null,
};

/** SITE-A charging on connector 1, its last firmware status Downloaded, last booted `lastBoot` with firmware 1.0.0. */
const siteA = (lastBoot: string, patch: Partial<ChargerView> = {}) =>
  aCharger('SITE-A', {
    lastBoot,
    boot: { chargePointVendor: 'V', chargePointModel: 'M', firmwareVersion: '1.0.0' },
    firmwareStatus: 'Downloaded',
    firmwareStatusAt: downloadedAt,
    connectors: [aConnector(0), aConnector(1, { status: 'Charging' }), aConnector(2)],
    ...patch,
  });

let client: FakeClient;
function setUp(charger: ChargerView, handlers: FakeClient['handlers'] = {}) {
  client = fakeClient({
    'chargers:meterValues': () => [],
    'chargers:list': () => Object.values(useBench.getState().chargers),
    'chargers:operate': () => completed({ status: 'Accepted' }),
    'chargerEvents:list': () => [{ id: 9, chargerId: 'SITE-A', ts: downloadedAt, action: 'FirmwareStatusNotification', data: { status: 'Downloaded' } }],
    'operations:list': ({ actions }) => (!actions || actions.includes('UpdateFirmware') ? [updateOp] : []),
    'files:hosted': () => [],
    ...handlers,
  });
  goLive(client, { chargers: { 'SITE-A': charger }, activeTransactions: { 2: aTransaction(2, 'SITE-A', 1, 'TECH-CARD-7') } });
}

const waiting = `A firmware update (fw-2.1.0.bin) is downloaded and waiting to install (the charger said Downloaded at ${statusTime(downloadedAt)})`;

/** The dialog's warning about the update, once it has been read. */
const warning = async () => within(await screen.findByRole('dialog')).findByLabelText('Firmware update under way');

describe('a firmware update waiting to install, in the confirmations', () => {
  it('is named when a session is stopped from the connector card', async () => {
    const user = userEvent.setup();
    setUp(siteA(minutesAgo(60)));
    renderChargerPage(client, '/chargers/SITE-A');
    await user.click(within(screen.getByRole('region', { name: 'Connector 1' })).getByRole('button', { name: 'Stop session…' }));
    expect((await warning()).textContent).toBe(`${waiting}: ending this session may let it install at once and restart the whole charger.`);
  });

  it('is named by the Stop of a transaction', async () => {
    const user = userEvent.setup();
    setUp(siteA(minutesAgo(60)));
    render(withBench(client, <StopTransactionButton transaction={{ transactionId: 2, chargerId: 'SITE-A', connectorId: 1, idTag: 'TECH-CARD-7', active: true }} />));
    await user.click(screen.getByRole('button', { name: 'Stop…' }));
    expect((await warning()).textContent).toMatch(/ending this session may let it install at once/);
  });

  it.each([
    ['RemoteStopTransaction', 'Stop transaction…', 'ending this session may let it install at once and restart the whole charger'],
    ['Reset', 'Soft reset…', 'a reset now may lose it or install it'],
    ['UnlockConnector', 'Unlock connector 1…', 'if unlocking ends a session, the charger may install it at once and restart the whole charger'],
    ['UpdateFirmware', 'Update firmware…', 'a new update replaces the update in progress'],
  ] as const)('is named by the %s confirmation', async (initial, button, consequence) => {
    const user = userEvent.setup();
    setUp(siteA(minutesAgo(60)));
    render(withBench(client, <OperationsPanel chargerId="SITE-A" initial={initial} />));
    if (initial === 'UpdateFirmware') await user.type(screen.getByRole('textbox', { name: /Firmware location/ }), 'http://10.0.0.2/fw-2.2.0.bin');
    if (initial === 'UnlockConnector') await user.click(screen.getByRole('radio', { name: /^Connector 1/ }));
    await user.click(screen.getByRole('button', { name: button }));
    expect((await warning()).textContent).toBe(`${waiting}: ${consequence}.`);
  });

  it('is named when a connector is taken out of service', async () => {
    const user = userEvent.setup();
    setUp(siteA(minutesAgo(60)));
    render(withBench(client, <OperationsPanel chargerId="SITE-A" initial="ChangeAvailability" />));
    await user.click(screen.getByRole('button', { name: /Inoperative/ }));
    expect((await warning()).textContent).toMatch(/^A firmware update \(fw-2\.1\.0\.bin\) is downloaded and waiting to install .*as soon as nothing charges/);
  });

  it('is not named once the charger said it is installed', async () => {
    const user = userEvent.setup();
    setUp(siteA(minutesAgo(60), { firmwareStatus: 'Installed' }), {
      'chargerEvents:list': () => [{ id: 10, chargerId: 'SITE-A', ts: minutesAgo(1), action: 'FirmwareStatusNotification', data: { status: 'Installed' } }],
    });
    render(withBench(client, <OperationsPanel chargerId="SITE-A" initial="Reset" />));
    await user.click(screen.getByRole('button', { name: 'Soft reset…' }));
    await screen.findByRole('dialog');
    await waitFor(() => expect(client.callsOf('chargerEvents:list').length).toBeGreaterThan(0));
    expect(screen.queryByLabelText('Firmware update under way')).toBeNull();
  });
});

describe('a firmware status from before the charger restarted', () => {
  const rebootAt = minutesAgo(9);
  const before = `before the charger restarted at ${statusTime(rebootAt)} with firmware 1.0.0; it did not say since`;

  it('is said so on the overview, for the diagnostics status too', async () => {
    setUp(siteA(rebootAt, { diagnosticsStatus: 'Uploading', diagnosticsStatusAt: minutesAgo(20) }), {
      'chargerEvents:list': () => [
        { id: 9, chargerId: 'SITE-A', ts: downloadedAt, action: 'FirmwareStatusNotification', data: { status: 'Downloaded' } },
        { id: 8, chargerId: 'SITE-A', ts: minutesAgo(20), action: 'DiagnosticsStatusNotification', data: { status: 'Uploading' } },
      ],
    });
    renderChargerPage(client, '/chargers/SITE-A');
    const facts = within(await screen.findByRole('region', { name: 'About this charger' }));
    expect(await facts.findByText(`Downloaded (${before})`)).toBeTruthy();
    expect(facts.getByText(`Uploading (before the charger restarted at ${statusTime(rebootAt)} with firmware 1.0.0; it did not say since)`)).toBeTruthy();
  });

  it('is said so in the Update firmware panel, with no step under way', async () => {
    setUp(siteA(rebootAt));
    render(withBench(client, <OperationsPanel chargerId="SITE-A" initial="UpdateFirmware" />));
    const progress = within(screen.getByRole('group', { name: 'Firmware update progress' }));
    expect(await progress.findByText(`Last status from the charger: Downloaded (at ${statusTime(downloadedAt)}; ${before})`)).toBeTruthy();
  });

  it('makes the update uncertain in a confirmation, not pending', async () => {
    const user = userEvent.setup();
    setUp(siteA(rebootAt));
    render(withBench(client, <OperationsPanel chargerId="SITE-A" initial="Reset" />));
    await user.click(screen.getByRole('button', { name: 'Soft reset…' }));
    expect((await warning()).textContent).toBe(
      `A firmware update (fw-2.1.0.bin) may still be pending: the charger said Downloaded at ${statusTime(downloadedAt)} (it is downloaded and waiting to install), then it restarted at ${statusTime(rebootAt)} with firmware 1.0.0 and has not said since; it may have dropped the update. If it still holds it, a reset now may lose it or install it.`,
    );
  });

  it('is uncertain when the time of the status is not known', () => {
    expect(progressStanding({ status: 'Downloaded', at: null }, rebootAt, '1.0.0')?.reboot).toEqual({ at: rebootAt, firmware: '1.0.0', certain: false });
    expect(progressStanding({ status: 'Downloaded', at: downloadedAt }, minutesAgo(11), '1.0.0')?.reboot).toBeNull();
  });
});

describe("the Update firmware form's retrieve date", () => {
  it('starts now (not the next minute, which would keep the installer waiting), and says a past date means at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 5, 3, 14, 59, 51));
    setUp(siteA(minutesAgo(60)));
    render(withBench(client, <OperationsPanel chargerId="SITE-A" initial="UpdateFirmware" />));
    const field = screen.getByLabelText(/Retrieve date/) as HTMLInputElement;
    expect(field.value).toBe('2025-06-03T14:59');
    expect(screen.getByText(/now, unless you change it; a date already past means at once/)).toBeTruthy();
  });
});
