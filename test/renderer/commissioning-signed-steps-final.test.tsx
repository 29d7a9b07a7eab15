// @vitest-environment jsdom
// A handed-over commissioning is final (its Run buttons are off), so the Checks page's step results no longer
// tell the installer to run a step again; before the handover they do.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, result, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const stopped = result({ id: 'C8_SESSION', title: 'Test session', verdict: 'inconclusive', reason: 'The run was stopped during this step, so the step did not finish: Run again repeats it.' });
const steps = (v: CommissioningView) => v.steps.map((s) => (s.id === 'C8_SESSION' ? { ...s, result: stopped, attempts: 1 } : s));
const handover: CommissioningView['handover'] = {
  installer: { name: 'A. Person', kind: 'typed' },
  customer: { name: 'Stadtwerke', acknowledged: true },
  notes: '',
  signedAt: '2025-01-01T11:00:00Z',
  verdict: 'fail',
};

describe('a step result of a handed-over commissioning', () => {
  it('keeps why the step ended but not the advice to run it again', async () => {
    const base = view();
    const client = fakeClient({ 'commissioning:get': () => ({ ...base, state: 'handedOver', handover, steps: steps(base) }) });
    open(client, '/commissioning/c1?step=checks');
    expect(await screen.findByText(/The run was stopped during this step, so the step did not finish\.$/)).toBeTruthy();
    expect(screen.queryByText(/Run again repeats it/)).toBeNull();
  });

  it('before the handover, still says Run again repeats it', async () => {
    const base = view();
    const client = fakeClient({ 'commissioning:get': () => ({ ...base, steps: steps(base) }) });
    open(client, '/commissioning/c1?step=checks');
    expect(await screen.findByText(/so the step did not finish: Run again repeats it\./)).toBeTruthy();
  });
});
