// @vitest-environment jsdom
// A step the person at the charger said they cannot do ("Cannot do") reads "Operator could not" among the
// case's steps, apart from one they skipped ("Skipped"), with the reason saying what could not be done.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { CaseDetail } from '../../src/renderer/src/features/test-runs/CaseDetail';
import type { CaseResult } from '../../src/shared/api/test-runs';
import { aCaseResult } from './builders';

afterEach(() => cleanup());

const said = 'The operator could not do it: plug the EV cable into connector 1';
const couldNot: CaseResult = aCaseResult({
  id: 'TC_003_CS',
  title: 'Regular Charging Session - Plugin First',
  verdict: 'inconclusive',
  reason: said,
  decidingStep: 1,
  steps: [
    {
      n: 1,
      by: 'operator',
      title: 'Plug the EV cable into connector 1.',
      status: 'operatorCouldNot',
      startedAt: '2025-01-01T10:01:00.000Z',
      ms: 3000,
      expected: 'the person at the charger to do it within 300 s',
      actual: said,
      messageIds: [],
    },
    { n: 2, by: 'tool', title: 'Bench sends RemoteStartTransaction', status: 'skipped', startedAt: '2025-01-01T10:01:03.000Z', ms: 0, messageIds: [] },
  ],
  startedAt: '2025-01-01T10:01:00.000Z',
});

describe('a step the person could not do', () => {
  it('reads Operator could not in the steps, not Skipped, with what could not be done', () => {
    render(<CaseDetail result={couldNot} />);
    const row = screen.getByRole('row', { name: /Plug the EV cable into connector 1/ });
    expect(within(row).getByText('Operator could not')).toBeTruthy();
    expect(within(row).queryByText('Skipped')).toBeNull();
    expect(screen.getByRole('row', { name: /RemoteStartTransaction/ }).textContent).toContain('Skipped');
    expect(screen.getAllByText(said, { exact: false }).length).toBeGreaterThan(0);
  });
});
