// @vitest-environment jsdom
// A charger registered ahead of its first connection and refused since: no screen says it was "last seen"
// at its registration time (it has never connected); and once its password is changed after its last
// refusal, the page and the list say its next attempt is awaited rather than ask for the fix again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, withBench, stubResizeObserver, type Handlers } from './fake-client';
import { aCharger as aChargerAs, aRunResult } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerDetailScreen, ChargersScreen } from '../../src/renderer/src/app/screens';
import { formatClock, formatTime } from '../../src/renderer/src/components/format';
import { reachOf } from '../../src/renderer/src/components/reach';
import { beforeFirstCase } from '../../src/renderer/src/features/test-runs/RunParts';
import { ChargerOfflineNotice } from '../../src/renderer/src/components/ChargerOfflineNotice';
import type { BenchSettings, ChargerView, ConnectionAttemptView } from '../../src/shared/api/views';

stubResizeObserver();

const screens = (
  <Routes>
    <Route path="/chargers" element={<ChargersScreen />} />
    <Route path="/chargers/:id" element={<ChargerDetailScreen />} />
  </Routes>
);

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const registeredAt = ago(11 * 60_000);

/** SITE-B as the bench holds it after its registration: never connected, its times its registration's. */
const siteB = (over: Partial<ChargerView> = {}): ChargerView =>
  aChargerAs('SITE-B', {
    connected: false,
    firstSeen: registeredAt,
    lastSeen: registeredAt,
    lastHeartbeat: null,
    remoteAddress: null,
    registrationStatus: null,
    lastBoot: null,
    boot: null,
    hasPassword: true,
    registered: true,
    connectors: [],
    ...over,
  });

const wrong = "Wrong password: the charger's AuthorizationKey does not match the password set for SITE-B on this bench (security profile 1)";
const refusals = (last = ago(20_000)): ConnectionAttemptView[] => [
  { id: 3, ts: last, firstTs: ago(9 * 60_000), count: 42, chargerId: 'SITE-B', remoteAddress: '10.0.0.9', outcome: 'refused', reason: wrong },
  { id: 2, ts: ago(10 * 60_000), chargerId: 'SITE-B', remoteAddress: '10.0.0.9', outcome: 'refused', reason: wrong },
];

function start(charger: ChargerView, path: string, handlers: Handlers = {}, attempts = refusals()) {
  const client = fakeClient({
    'chargers:list': () => [charger],
    'connectionAttempts:list': () => attempts,
    'settings:get': () => ({ heartbeatInterval: 300, unknownChargers: 'accept', requirePassword: false, defaultBootStatus: 'Accepted' }) as BenchSettings,
    'chargers:meterValues': () => [],
    ...handlers,
  });
  off = liveBench(client, { chargers: { [charger.id]: charger } });
  render(withBench(client, screens, path));
  return client;
}

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('a charger that never connected', () => {
  it('is not "last seen" at its registration on its page: the banner and the About panel say it never connected', async () => {
    start(siteB(), '/chargers/SITE-B');
    const notice = await screen.findByTestId('charger-offline-notice');
    expect(notice.textContent).toContain('SITE-B is offline: the bench refuses its connections');
    expect(notice.textContent).toContain('It has never connected to the bench.');
    expect(notice.textContent).not.toMatch(/last seen/i);
    expect(notice.textContent).not.toContain(formatTime(registeredAt));
    const about = screen.getByRole('region', { name: 'About this charger' });
    expect(about.textContent).toContain('Last seennever connected');
  });

  it('is not "last seen" in the list\'s Refused tooltip', async () => {
    start(siteB(), '/chargers');
    const refused = await screen.findByTestId('connection-refused');
    expect(refused.getAttribute('aria-label')).toContain('It has never connected');
    expect(refused.getAttribute('aria-label')).not.toMatch(/last seen/i);
  });

  it('says "never connected" in the list rather than "last seen 11 min ago" when it is not being refused', async () => {
    start(siteB(), '/chargers', {}, []);
    const row = (await screen.findByText('SITE-B')).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('never connected')).toBeTruthy();
    expect(within(row).queryByText(/last seen/)).toBeNull();
  });

  it('says why nothing can be sent to it without a "last seen"', () => {
    const reach = reachOf({ link: 'open', linkSince: null, chargers: { 'SITE-B': siteB() } }, 'SITE-B');
    expect(reach.reason).toBe('SITE-B has never connected: connect it to send.');
  });

  it('is not "last seen" in the shared offline notice (a commissioning\'s checks, a session)', () => {
    const client = fakeClient();
    off = liveBench(client, { chargers: { 'SITE-B': siteB() } });
    render(withBench(client, <ChargerOfflineNotice chargerId="SITE-B">Its checks wait until it connects.</ChargerOfflineNotice>));
    const notice = screen.getByTestId('charger-offline-notice');
    expect(notice.textContent).toBe('SITE-B is offline: it has never connected to the bench. Its checks wait until it connects.');
  });

  it('is waited for by a test run without an "offline since" its registration', () => {
    const run = aRunResult({ chargerId: 'SITE-B', virtual: false, fakeTime: false, state: 'running', pics: null });
    const words = beforeFirstCase(run, siteB());
    expect(words).toContain('Waiting for SITE-B to connect: it has never connected.');
    expect(words).not.toContain('offline since');
  });

  it('a charger that did connect is still "last seen"', async () => {
    start(aChargerAs('CP-1', { connected: false, lastSeen: ago(3 * 60_000) }), '/chargers/CP-1', {}, []);
    expect((await screen.findByTestId('charger-offline-notice')).textContent).toContain('(3 min ago)');
  });
});

describe('a refused charger whose password was changed after its last refusal', () => {
  it('says on its page and in the list that its next attempt is awaited, not the fix again', async () => {
    const changedAt = ago(5_000);
    start(siteB({ admissionChange: { what: 'password', at: changedAt } }), '/chargers/SITE-B');
    const banner = await screen.findByTestId('charger-refused');
    expect(banner.textContent).toContain(`Password changed at ${formatClock(changedAt)}; waiting for the charger's next attempt (the last refusal was before it).`);
    expect(banner.textContent).not.toContain('set the same password on the charger and here');
    expect(banner.textContent).toContain(wrong);
    // The header's chip too.
    const chip = screen.getByTestId('connection-refused');
    expect(chip.textContent).toContain(`password changed ${formatClock(changedAt)}`);
    expect(chip.textContent).toContain('waiting for its next attempt');
  });

  it('says so in the Chargers list, with the refusal before it in the tooltip', async () => {
    const changedAt = ago(5_000);
    start(siteB({ admissionChange: { what: 'password', at: changedAt } }), '/chargers');
    const chip = await screen.findByTestId('connection-refused');
    expect(chip.textContent).toContain('waiting for its next attempt');
    expect(chip.getAttribute('aria-label')).toMatch(
      /^Password changed at .*; waiting for the charger's next attempt \(the last refusal was before it\)\. Before it: Refused \(401, wrong password\) 43×/,
    );
  });

  it('is refused as before when the change came before the last refusal (the charger still sends the wrong one)', async () => {
    start(siteB({ admissionChange: { what: 'password', at: ago(60_000) } }), '/chargers/SITE-B');
    const banner = await screen.findByTestId('charger-refused');
    expect(banner.textContent).toContain('Refused (401, wrong password) 43×');
    expect(banner.textContent).toContain('set the same password on the charger and here');
    expect(banner.textContent).not.toContain('waiting for');
  });

  it('turns to "waiting" as soon as the password is saved in its dialog', async () => {
    let saved: string | null = null;
    const charger = () => siteB(saved ? { admissionChange: { what: 'password', at: saved } } : {});
    start(charger(), '/chargers/SITE-B', {
      'chargers:list': () => [charger()],
      'chargers:update': () => {
        saved = new Date().toISOString();
        return charger();
      },
    });
    expect((await screen.findByTestId('charger-refused')).textContent).toContain('set the same password on the charger and here');
    await userEvent.click(screen.getByRole('button', { name: /Password & boot policy/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^New password/), 'the-password-the-charger-sends');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText(/waiting for the charger's next attempt/);
    expect(screen.getByTestId('charger-refused').textContent).not.toContain('set the same password on the charger and here');
  });
});
