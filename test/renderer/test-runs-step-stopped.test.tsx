// @vitest-environment jsdom
// A step the run's Stop cut short reads "Stopped" among the case's steps, apart from one the person chose to
// Skip ("Skipped"); a record from before the Stopped outcome keeps reading Skipped.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { CaseDetail } from '../../src/renderer/src/features/test-runs/CaseDetail';
import type { CaseResult } from '../../src/shared/api/test-runs';
import { aCaseResult } from './builders';

afterEach(() => cleanup());

const reason = 'The run was stopped while it waited for the person at the charger: Plug the EV cable into connector 1.';
const result = (status: 'stopped' | 'skipped'): CaseResult =>
  aCaseResult({
    id: 'TC_003_CS',
    title: 'Regular Charging Session - Plugin First',
    verdict: 'inconclusive',
    reason,
    decidingStep: 1,
    steps: [
      {
        n: 1,
        by: 'operator',
        title: 'Plug the EV cable into connector 1.',
        status,
        startedAt: '2025-01-01T10:01:00.000Z',
        ms: 3000,
        expected: 'the person at the charger to do it within 300 s',
        actual: 'the run was stopped during this step',
        messageIds: [],
      },
    ],
    startedAt: '2025-01-01T10:01:00.000Z',
  });

describe('a step the run’s Stop cut short', () => {
  it('reads Stopped in the Steps table, not Skipped', () => {
    render(<CaseDetail result={result('stopped')} />);
    const table = screen.getByRole('table', { name: 'Steps of TC_003_CS' });
    const row = within(table).getByRole('row', { name: /Plug the EV cable into connector 1/ });
    expect(within(row).getByText('Stopped')).toBeTruthy();
    expect(within(row).queryByText('Skipped')).toBeNull();
  });

  it('a stored record that says skipped still reads Skipped', () => {
    render(<CaseDetail result={result('skipped')} />);
    const row = within(screen.getByRole('table', { name: 'Steps of TC_003_CS' })).getByRole('row', { name: /Plug the EV cable into connector 1/ });
    expect(within(row).getByText('Skipped')).toBeTruthy();
  });
});
