// @vitest-environment jsdom
// The run page's case, true to what happened: a step nobody skipped never reads Skipped (nobody acted in
// time: Timed out; the charger dropped the link in a quiet window: Not judged), each observation shows its
// time in the page's local time, and the times a reason names are written so too, not as ISO UTC.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { CaseDetail } from '../../src/renderer/src/features/test-runs/CaseDetail';
import { formatClock, formatDateTime } from '../../src/shared/format/time';
import { aCaseResult } from './builders';
import { aStepResult } from '../helpers/run-results';

afterEach(() => cleanup());

const step = aStepResult;
const dropped =
  'The charger was not connected all through the 25 s, so nothing coming proves nothing: its connection closed at 2026-12-06T16:43:58.309Z (Connection lost (1006)); it connected again at 2026-12-06T16:44:10.000Z';

describe('a step nobody skipped', () => {
  it('reads Timed out when nobody acted within operatorTimeoutS', () => {
    const said = 'Nobody acted within 15 s: Plug the EV cable into connector 1, then press Done.';
    render(
      <CaseDetail
        result={aCaseResult({
          verdict: 'inconclusive',
          reason: said,
          decidingStep: 1,
          steps: [step({ status: 'timedOut', expected: 'the person at the charger to do it within 15 s', actual: said })],
        })}
      />,
    );
    const row = screen.getByRole('row', { name: /Plug the EV cable/ });
    expect(within(row).getByText('Timed out')).toBeTruthy();
    expect(within(row).queryByText('Skipped')).toBeNull();
  });

  it('reads Not judged when the charger dropped the link while nothing must come, the reason in local time', () => {
    render(
      <CaseDetail
        result={aCaseResult({
          startedAt: '2026-12-06T16:43:00.000Z',
          verdict: 'inconclusive',
          reason: dropped,
          decidingStep: 4,
          steps: [
            step({
              n: 4,
              by: 'charger',
              title: 'No cable: no StartTransaction while ConnectionTimeOut runs',
              status: 'notJudged',
              ms: 25_000,
              expected: 'no StartTransaction for 25 s',
              actual: dropped,
            }),
          ],
        })}
      />,
    );
    const row = screen.getByRole('row', { name: /No cable/ });
    expect(within(row).getByText('Not judged')).toBeTruthy();
    expect(within(row).queryByText('Skipped')).toBeNull();
    const local = `its connection closed at ${formatClock('2026-12-06T16:43:58.309Z')} (Connection lost (1006)); it connected again at ${formatClock('2026-12-06T16:44:10.000Z')}`;
    expect(screen.getByRole('alert').textContent).toContain(local);
    expect(screen.getByLabelText('Actual').textContent).toContain(local);
    expect(document.body.textContent).not.toContain('2026-12-06T16:43:58.309Z');
  });
});

describe('observations', () => {
  it('show each one’s time, as the page writes times', () => {
    render(
      <CaseDetail
        result={aCaseResult({
          startedAt: '2026-12-06T16:43:00.000Z',
          observations: [
            { at: '2026-12-06T16:43:58.400Z', text: "REAL01's connection closed (Connection lost (1006)); its last frame came at 2026-12-06T16:43:41.002Z", messageId: null },
            { at: '2026-12-06T16:44:10.000Z', text: 'REAL01 connected again', messageId: null },
            { at: '2026-12-06T16:44:20.000Z', text: 'reservation 7 may stay until it expires at 2026-12-08T09:00:00.000Z; it sent "2026-12-06T16:44:19.123Z"', messageId: null },
          ],
        })}
      />,
    );
    const items = within(screen.getByRole('region', { name: 'Observations' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toBe(
      `${formatClock('2026-12-06T16:43:58.400Z')}REAL01's connection closed (Connection lost (1006)); its last frame came at ${formatClock('2026-12-06T16:43:41.002Z')}`,
    );
    expect(items[1]!.textContent).toBe(`${formatClock('2026-12-06T16:44:10.000Z')}REAL01 connected again`);
    expect(items[1]!.querySelector('time')?.getAttribute('dateTime')).toBe('2026-12-06T16:44:10.000Z');
    // An instant off the case's day keeps its date; what the charger sent (quoted) is left as sent.
    expect(items[2]!.textContent).toBe(
      `${formatClock('2026-12-06T16:44:20.000Z')}reservation 7 may stay until it expires at ${formatDateTime('2026-12-08T09:00:00.000Z')}; it sent "2026-12-06T16:44:19.123Z"`,
    );
  });
});
