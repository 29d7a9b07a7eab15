// @vitest-environment jsdom
// A failed case's deciding step reads at a laptop's width: what was expected and what arrived above the
// step's frames, which span the box, each payload whole on one line (cut with an ellipsis only where the
// screen is too narrow, whole on hover and as JSON on a click), never broken every few characters. The
// times a fault was switched are local on screen, as every other time there (the reports keep UTC).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { CaseDetail } from '../../src/renderer/src/features/test-runs/CaseDetail';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { faultSwitchedWords, faultsInjectedText, type CaseInfo, type CaseResult, type RunResult } from '../../src/shared/api/test-runs';
import { formatClock } from '../../src/shared/format/time';
import { aCharger, fakeClient, inTimeZone, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

// The QA engineer's browser in Berlin (UTC+01:00 in winter).
inTimeZone('Europe/Berlin');
beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: aCharger('VCP1', { virtual: true }) } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const status = '{"connectorId":1,"errorCode":"ConnectorLockFailure","status":"Faulted","timestamp":"2025-01-01T10:01:00Z"}';

/** TC_017_1_CS failed on a stuck connector: the charger answered the unlock with UnlockFailed. */
const stuck: CaseResult = aCaseResult({
  id: 'TC_017_1_CS',
  title: 'Unlock Connector - With Charging Session',
  verdict: 'fail',
  reason: 'Expected UnlockConnector Unlocked; got UnlockFailed',
  decidingStep: 1,
  steps: [
    {
      n: 1,
      by: 'tool',
      title: 'Bench sends UnlockConnector (connector 1)',
      status: 'failed',
      startedAt: '2025-01-01T10:01:00.000Z',
      ms: 30,
      expected: 'UnlockConnector answered Unlocked',
      actual: 'UnlockConnector answered UnlockFailed',
      messageIds: ['u-1', 'sn-1'],
    },
  ],
  frames: [
    { ts: '2025-01-01T10:01:00.000Z', direction: 'out', kind: 'CALL', messageId: 'u-1', action: 'UnlockConnector', raw: '[2,"u-1","UnlockConnector",{"connectorId":1}]', error: null },
    { ts: '2025-01-01T10:01:00.020Z', direction: 'in', kind: 'CALLRESULT', messageId: 'u-1', action: 'UnlockConnector', raw: '[3,"u-1",{"status":"UnlockFailed"}]', error: null },
    { ts: '2025-01-01T10:01:00.040Z', direction: 'in', kind: 'CALL', messageId: 'sn-1', action: 'StatusNotification', raw: `[2,"sn-1","StatusNotification",${status}]`, error: null },
  ],
  startedAt: '2025-01-01T10:01:00.000Z',
});

/** The nearest box around `el` laid out as a grid (columns side by side), if any. */
function gridAround(el: Element): Element | null {
  for (let e = el.parentElement; e; e = e.parentElement) if (getComputedStyle(e).display === 'grid') return e;
  return null;
}

describe("a failed case's deciding step", () => {
  it('shows its frames below what was expected and what arrived, each payload whole on one line, its JSON on a click', async () => {
    const user = userEvent.setup();
    render(<CaseDetail result={stuck} />);
    const deciding = screen.getByRole('region', { name: 'Deciding step' });
    const expected = within(deciding).getByLabelText('Expected');
    const its = within(deciding).getByRole('table', { name: 'Frames of step 1' });
    // Not squeezed into a column beside Expected and Actual: below them, across the box.
    expect(gridAround(expected)?.contains(its) ?? false).toBe(false);
    expect(expected.compareDocumentPosition(its) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const row = within(its).getByRole('row', { name: /StatusNotification/ });
    const payload = row.querySelectorAll('td')[3];
    // The whole payload, on one line: not wrapped anywhere (an ellipsis where the screen is narrow), whole on hover.
    expect(payload.textContent).toBe(status);
    expect(payload.getAttribute('title')).toBe(status);
    const style = getComputedStyle(payload);
    expect(style.whiteSpace).toBe('nowrap');
    expect(style.textOverflow).toBe('ellipsis');
    expect(style.overflowWrap).not.toBe('anywhere');
    // A click opens the frame's JSON in full.
    await user.click(row);
    expect(row.getAttribute('aria-expanded')).toBe('true');
    expect(its.querySelector('pre')?.textContent).toContain('"errorCode": "ConnectorLockFailure"');
  });
});

describe('when a fault was switched during a run', () => {
  const at = '2025-01-01T10:00:40.000Z';
  const cases: CaseInfo[] = [{ id: 'TC_017_1_CS', title: 'Unlock Connector - With Charging Session', profile: 'Core', section: '2.9', decisions: [], notSupported: null }];
  const run = (): RunResult =>
    aRunResult({
      fakeTime: false,
      ms: 60_000,
      wallMs: 60_000,
      planned: ['TC_017_1_CS'],
      cases: [stuck],
      summary: { pass: 0, fail: 1, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
      faults: { atStart: [], switched: [{ at, caseId: 'TC_017_1_CS', on: ['Slow charging (500 W)'], off: [] }] },
    });

  it('is said in local time on the run page and in the case, as the other times there', async () => {
    const local = formatClock(at);
    // Berlin is an hour ahead of UTC on that day: 11:00:40 (in the locale's words).
    expect(local).toMatch(/11:00:40/);
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run() });
    render(withBench(client, routed({ '/test-runs/:id': <RunScreen /> }), '/test-runs/run-1'));
    const banner = await screen.findByRole('alert', { name: 'Faults injected' });
    expect(banner.textContent).toContain(`Faults injected: Slow charging (500 W) switched on at ${local} during TC_017_1_CS`);
    expect(banner.textContent).not.toContain('UTC');
    const article = await screen.findByRole('article', { name: 'Case TC_017_1_CS' });
    const during = within(article).getByRole('alert', { name: 'Fault injected during the case' });
    expect(during.textContent).toContain(`Slow charging (500 W) switched on at ${local}`);
    expect(during.textContent).not.toContain('UTC');
  });

  it('stays in UTC in the reports, which say so', () => {
    const r = run();
    expect(faultsInjectedText(r)).toBe('Faults injected: Slow charging (500 W) switched on at 10:00:40 UTC during TC_017_1_CS');
    expect(faultSwitchedWords(r.faults!.switched[0])).toBe('Slow charging (500 W) switched on at 10:00:40 UTC');
  });
});
