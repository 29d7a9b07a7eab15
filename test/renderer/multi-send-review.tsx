// Send to selected… as the tests of what a reset would end read it: the review of a Reset for the chargers
// picked, with its table of affected chargers.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withBench } from './fake-client';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import type { BenchClient } from '../../src/renderer/src/api/client';

/** Opens Send to selected… for `chargerIds` answered by `client`, picks Reset and asks to review it: the review's "Affected chargers" table. */
export async function reviewReset(client: BenchClient, chargerIds: string[]): Promise<HTMLElement> {
  const user = userEvent.setup();
  render(withBench(client, <MultiSendDialog chargerIds={chargerIds} open onClose={() => undefined} />));
  await user.click(screen.getByRole('combobox', { name: 'Operation' }));
  await user.click(screen.getByRole('option', { name: 'Reset' }));
  await user.click(screen.getByRole('button', { name: 'Review…' }));
  return screen.findByRole('table', { name: 'Affected chargers' });
}
