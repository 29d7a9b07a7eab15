// @vitest-environment jsdom
// What an operation panel says when the call fails: "Nothing was sent" only when the bench refused it
// (4xx); a lost link or a bench failure may come after the CALL went out, so it says so.
import { describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { CallError } from '../../src/shared/api/contract';
import { anIdleCharger, benchPerTest, fakeClient, withBench } from './fake-client';

const charger = anIdleCharger('CP001');

benchPerTest(() => ({ chargers: { CP001: charger } }));

async function sendFailing(failure: CallError): Promise<HTMLElement> {
  const user = userEvent.setup();
  const client = fakeClient({
    'chargers:operate': () => {
      throw new CallFailure(failure);
    },
  });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="RemoteStartTransaction" />));
  await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'TAG');
  await user.click(screen.getByRole('button', { name: 'Start transaction' }));
  return screen.findByRole('alert');
}

describe('a failed operation', () => {
  it('says nothing was sent when the bench refused the request', async () => {
    const alert = await sendFailing({ status: 404, message: 'No charger "CP001" is known to this bench' });
    expect(alert.textContent).toContain('Nothing was sent');
    expect(alert.textContent).toContain('No charger "CP001"');
  });

  it('does not claim nothing was sent when the bench could not be reached or failed', async () => {
    for (const failure of [
      { status: 0, message: 'The bench is not reachable: is `chargebench serve` still running?' },
      { status: 500, message: 'Internal error: disk full' },
    ]) {
      const alert = await sendFailing(failure);
      expect(alert.textContent).toContain('It is not known whether RemoteStartTransaction reached CP001');
      expect(alert.textContent).toContain(failure.message);
      expect(alert.textContent).toContain('Check the message log for CP001 before sending it again.');
      expect(alert.textContent).not.toContain('Nothing was sent');
      cleanup();
    }
  });
});
