// @vitest-environment jsdom
// The Start form's test data naming one card for two idTag roles: said at the later field as it is typed, in
// the form's words (the other field by its label), by the Start button too, and Start stays disabled until
// the cards differ (the bench would answer the "valid" card Invalid and the charger get a false Fail).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import type { CaseInfo } from '../../src/shared/api/test-runs';
import { fakeClient, routed, withBench, aCharger } from './fake-client';

const cases: CaseInfo[] = [{ id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null }];

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: aCharger('VCP1', { virtual: true }) } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/:id': <RunScreen /> }, true);
const helperOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')!)!.textContent;

describe('the Start form with one card for two idTag roles', () => {
  it('says so at the Invalid idTag field, naming Valid idTag and the card, and keeps Start disabled', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [], 'tests:start': () => ({ runId: 'run-1' }) });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    await screen.findByText(/All cases \(1\)/);
    await user.click(screen.getByText('Test data'));
    const valid = screen.getByRole('textbox', { name: 'Valid idTag' });
    const invalid = screen.getByRole('textbox', { name: 'Invalid idTag' });
    await user.clear(valid);
    await user.type(valid, 'SAME');
    await user.clear(invalid);
    await user.type(invalid, 'SAME');
    expect(invalid.getAttribute('aria-invalid')).toBe('true');
    expect(helperOf(invalid)).toBe('Invalid idTag: must differ from Valid idTag (SAME is used for both)');
    expect(valid.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('alert', { name: 'Test data to correct' }).textContent).toContain('Invalid idTag: must differ from Valid idTag (SAME is used for both)');
    const start = screen.getByRole('button', { name: 'Start 1 case on VCP1' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);

    // Another card: the form is clear and Start is enabled.
    await user.type(invalid, '-2');
    expect(invalid.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert', { name: 'Test data to correct' })).toBeNull();
    expect(start.disabled).toBe(false);
    expect(client.callsOf('tests:start')).toEqual([]);
  });
});
