// @vitest-environment jsdom
// What the Chargers list and a charger's page say of a charger beyond its statuses, kept true as time
// passes: "ago"s that tick (one shared clock), a charger the bench keeps refusing (why, since when, the
// fix), one online but silent past its heartbeat, and the registration words as the settings are now.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import type { Handlers } from './fake-client';
import { aCharger as aChargerAs, aConnector } from './builders';
import { ago, chargerScreenHooks, renderChargers } from './charger-page-harness';
import { formatWhen } from '../../src/renderer/src/components/format';
import { refusalsOf } from '../../src/renderer/src/components/refusals';
import type { BenchSettings, ChargerView, ConnectionAttemptView } from '../../src/shared/api/views';

vi.mock('../../src/renderer/src/features/operations/MultiSendDialog', () => ({ MultiSendDialog: () => null }));
chargerScreenHooks({ fakeTimers: true });

const aCharger = (over: Partial<ChargerView> = {}): ChargerView =>
  aChargerAs('CP-1', {
    firstSeen: ago(3_600_000),
    lastSeen: ago(10_000),
    lastHeartbeat: ago(10_000),
    lastBoot: ago(3_600_000),
    boot: { chargePointVendor: 'Alfen', chargePointModel: 'Eve Single', firmwareVersion: '6.2.1' },
    connectors: [aConnector(1, { updatedAt: ago(10_000) })],
    ...over,
  });

const settings = (over: Partial<BenchSettings> = {}) => ({ heartbeatInterval: 30, unknownChargers: 'accept', requirePassword: false, ...over }) as BenchSettings;

const start = (charger: ChargerView, handlers: Handlers = {}, path = '/chargers') => renderChargers([charger], { path, settings: settings(), handlers });

describe('"ago"s tick', () => {
  it('moves the Chargers list\'s "Last heartbeat" on while the screen stays open', async () => {
    start(aCharger());
    const row = (await screen.findByText('CP-1')).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('under a minute ago')).toBeTruthy();
    await act(async () => void vi.advanceTimersByTime(165_000));
    expect(within(row).getByText('2 min ago')).toBeTruthy();
  });

  it("moves the charger page's heartbeat, connector and facts on together", async () => {
    start(aCharger(), {}, '/chargers/CP-1');
    await screen.findByText(/last heartbeat under a minute ago/);
    await act(async () => void vi.advanceTimersByTime(165_000));
    expect(screen.getByText(/last heartbeat 2 min ago/)).toBeTruthy();
    expect(screen.getByText(/since 2 min ago/)).toBeTruthy();
    expect(screen.getAllByText(/\(2 min ago\)/).length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByText(/under a minute ago/)).toBeNull();
  });
});

describe('a charger the bench keeps refusing', () => {
  const attempts = (): ConnectionAttemptView[] => [
    {
      id: 5,
      ts: ago(20_000),
      chargerId: 'CP-1',
      remoteAddress: '10.0.0.7',
      outcome: 'refused',
      reason: 'Password missing: CP-1 sent no password, but the bench has one set for it (security profile 1). Set the charger’s AuthorizationKey',
    },
    { id: 4, ts: ago(40_000), chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'refused', reason: 'Password missing: CP-1 sent no password' },
    { id: 3, ts: ago(60_000), chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'refused', reason: 'Password missing: CP-1 sent no password' },
    { id: 2, ts: ago(120_000), chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'closed', reason: 'Closed by the charger' },
    { id: 1, ts: ago(180_000), chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'refused', reason: 'Wrong password: old' },
  ];

  it('counts the refusals since the last time it was let in, with the newest reason', () => {
    const r = refusalsOf(attempts())['CP-1'];
    expect(r).toMatchObject({ count: 3, status: 401, short: 'password missing', since: attempts()[2].ts, last: attempts()[0].ts });
    expect(refusalsOf([{ ...attempts()[0], id: 9, outcome: 'accepted' }, ...attempts()])['CP-1']).toBeUndefined();
  });

  it('says Refused with the status, reason, count and since when on the Chargers list (the fix in its tooltip), not merely Offline', async () => {
    start(aCharger({ connected: false, lastSeen: ago(200_000) }), { 'connectionAttempts:list': () => attempts() });
    const refused = await screen.findByTestId('connection-refused');
    expect(within(refused).getByText('Refused (401)')).toBeTruthy();
    // Two short lines, not a sentence: at 1024 px the column is narrow.
    expect(within(refused).getByText('password missing')).toBeTruthy();
    expect(within(refused).getByText((_, el) => el?.textContent === `3× since ${formatWhen(attempts()[2].ts)}`)).toBeTruthy();
    expect(refused.textContent).not.toContain('set its password');
    expect(refused.getAttribute('aria-label')).toContain('Refused (401, password missing) 3× since');
    expect(refused.getAttribute('aria-label')).toContain('set its password (AuthorizationKey) on the charger');
    expect(screen.queryByText('Offline')).toBeNull();
  });

  it('says so on its page, with the reason and the way to the Connect screen, not "until it connects again"', async () => {
    start(aCharger({ connected: false, lastSeen: ago(200_000) }), { 'connectionAttempts:list': () => attempts() }, '/chargers/CP-1');
    const banner = await screen.findByTestId('charger-refused');
    expect(banner.textContent).toContain('Refused (401, password missing) 3×');
    expect(banner.textContent).toContain('Password missing: CP-1 sent no password');
    expect(within(banner).getByRole('link', { name: 'Open Connect' }).getAttribute('href')).toBe('/connect');
    expect(screen.getByTestId('charger-offline-notice').textContent).toContain('the bench refuses its connections');
    expect(screen.queryByText(/until it connects again/)).toBeNull();
  });

  it('words the registration as the settings are now', async () => {
    start(aCharger(), { 'settings:get': () => settings({ unknownChargers: 'reject' }) }, '/chargers/CP-1');
    expect(await screen.findByText(/not registered: refused at its next connection/)).toBeTruthy();
    expect(screen.queryByText('not registered (let in as unknown)')).toBeNull();
  });
});

describe('an online charger silent past its heartbeat', () => {
  it('stays Online but says nothing was heard since when, and draws its connectors as last known', async () => {
    const heard = ago(90_000);
    start(
      aCharger({
        lastSeen: heard,
        lastHeartbeat: heard,
        connectors: [{ connectorId: 1, status: 'Charging', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: heard }],
      }),
    );
    const overdue = await screen.findByTestId('heartbeat-overdue');
    expect(overdue.textContent).toContain('Online');
    expect(overdue.textContent).toContain(`Nothing heard since ${formatWhen(heard)} (heartbeat overdue)`);
    expect(document.querySelector('[data-stale]')).toBeTruthy();
  });

  it('says nothing while it is heard from within twice its heartbeat interval', async () => {
    start(aCharger({ lastSeen: ago(50_000), lastHeartbeat: ago(50_000) }));
    await screen.findByText('CP-1');
    await act(async () => void vi.advanceTimersByTime(1000));
    expect(screen.queryByTestId('heartbeat-overdue')).toBeNull();
  });

  it('says so on its page, greying the live values', async () => {
    const heard = ago(90_000);
    start(aCharger({ lastSeen: heard, lastHeartbeat: heard }), {}, '/chargers/CP-1');
    const alert = await screen.findByTestId('charger-heartbeat-overdue');
    expect(alert.textContent).toContain(`since ${formatWhen(heard)} (heartbeat overdue)`);
    expect(screen.getByText(/last known, since/)).toBeTruthy();
  });
});
