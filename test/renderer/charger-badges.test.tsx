// @vitest-environment jsdom
// A virtual charger is visibly virtual, and one with fault switches on says so, wherever a charger is
// chosen or listed: the Test runs picker, the multi-send dialog and commissioning's charger choice (the
// message log's rows and filter: log.test.tsx). One component, ChargerBadges (compact), draws them all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { StartRunForm } from '../../src/renderer/src/features/test-runs/StartRunForm';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { ConnectStep } from '../../src/renderer/src/features/commissioning/ConnectStep';
import { resetDraft, setDraft } from '../../src/renderer/src/features/commissioning/draft';
import { Faults, type VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import { aCharger, fakeClient, withBench } from './fake-client';

/** VCP1: virtual with a fault switch on; CP001: a real charger. */
const badgedChargers = () => ({
  chargers: { VCP1: aCharger('VCP1', { virtual: true }), CP001: aCharger('CP001') },
  virtualChargers: { VCP1: { id: 'VCP1', faults: { ...Faults.parse({}), stuckConnector: true } } as unknown as VirtualChargerView },
});

beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, ...badgedChargers() }, true));
afterEach(() => {
  cleanup();
  resetDraft();
  useBench.setState(initialBenchState, true);
});

/** The badges inside `el`: the names of their icons. */
const badgesIn = (el: HTMLElement) =>
  within(el)
    .queryAllByRole('img')
    .map((i) => i.getAttribute('aria-label') ?? i.querySelector('title')?.textContent ?? '')
    .filter((n) => /virtual charger|fault switch/i.test(n));
const VIRTUAL_AND_FAULTY = [expect.stringMatching(/^Virtual charger/), expect.stringMatching(/^Fault switches on: .*stuck/i)];

describe('virtual and fault badges where a charger is chosen', () => {
  it('in the Test runs charger picker', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => [], 'tests:list': () => [] });
    render(withBench(client, <StartRunForm charger="" onCharger={() => undefined} rerun={null} />));
    await user.click(screen.getByRole('combobox', { name: 'Charger' }));
    expect(badgesIn(await screen.findByRole('option', { name: /^VCP1\b/ }))).toEqual(VIRTUAL_AND_FAULTY);
    expect(badgesIn(screen.getByRole('option', { name: /^CP001\b/ }))).toEqual([]);
  });

  it('in the multi-send dialog, on each charger', () => {
    render(withBench(fakeClient(), <MultiSendDialog chargerIds={['VCP1', 'CP001']} open onClose={() => undefined} />));
    const chips = within(screen.getByLabelText('Chargers'));
    expect(badgesIn(chips.getByText(/^VCP1/).closest('.MuiChip-root') as HTMLElement)).toEqual(VIRTUAL_AND_FAULTY);
    expect(badgesIn(chips.getByText(/^CP001/).closest('.MuiChip-root') as HTMLElement)).toEqual([]);
  });

  it("in commissioning's list of connected chargers", async () => {
    setDraft({ chargerId: 'CP001' });
    const client = fakeClient({ 'network:addresses': () => [], 'settings:get': () => ({ requirePassword: false, unknownChargers: 'accept' }) as never, 'connectionAttempts:list': () => [] });
    render(withBench(client, <ConnectStep back={() => undefined} next={() => undefined} />));
    const list = within(await screen.findByRole('list', { name: 'Connected chargers' }));
    expect(badgesIn(list.getByText('VCP1').closest('[role="button"]') as HTMLElement)).toEqual(VIRTUAL_AND_FAULTY);
    expect(badgesIn(list.getByText('CP001').closest('[role="button"]') as HTMLElement)).toEqual([]);
  });
});
