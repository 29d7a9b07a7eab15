// @vitest-environment jsdom
// An operation whose answer broke the schema links to that answer's frame in the message log: found by
// the CALL's message id (the bench records the answer under it), it opens the log on that frame.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { LogScreen } from '../../src/renderer/src/features/log/LogScreen';
import type { MessageView, OperationResult } from '../../src/shared/api/views';
import { anIdleCharger, benchPerTest, fakeClient, routed, stubResizeObserver, withBench } from './fake-client';
import { aLoggedFrame, countOf, logRowsLaidOut, pageOf } from './log-fixtures';

stubResizeObserver();
logRowsLaidOut();

const charger = anIdleCharger('CP001');

benchPerTest(() => ({ chargers: { CP001: charger } }));

const id = 'c0ffee-0001';
const frame = (m: Partial<MessageView> & Pick<MessageView, 'id'>) => aLoggedFrame(m);
const frames: MessageView[] = [
  frame({ id: 1, direction: 'out', kind: 'CALL', messageId: id, action: 'RemoteStartTransaction', raw: `[2,"${id}","RemoteStartTransaction",{"idTag":"TAG"}]` }),
  frame({ id: 2, kind: 'INVALID', messageId: 'other', raw: '[3,"other",{"status":', error: 'FormationViolation: not JSON' }),
  frame({ id: 3, kind: 'INVALID', messageId: id, action: 'RemoteStartTransaction', raw: `[3,"${id}",{"status":`, error: 'FormationViolation: not JSON' }),
  frame({ id: 4, kind: 'CALL', messageId: 'hb', action: 'Heartbeat', raw: '[2,"hb","Heartbeat",{}]' }),
];
const malformed: OperationResult = {
  outcome: 'invalidResponse',
  response: null,
  error: { code: 'FormationViolation', description: 'The answer was malformed: not JSON' },
  operationId: 7,
  messageId: id,
};

async function sendAnswered(result: OperationResult, log = frames) {
  const user = userEvent.setup();
  const client = fakeClient({
    'chargers:operate': () => result,
    'messages:page': pageOf(log),
    'messages:count': countOf(log),
    'operations:list': () => [],
    'connectionAttempts:list': () => [],
  });
  render(withBench(client, routed({ '/chargers/:id': <OperationsPanel chargerId="CP001" initial="RemoteStartTransaction" />, '/log': <LogScreen /> }, true), '/chargers/CP001?tab=operations'));
  await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'TAG');
  await user.click(screen.getByRole('button', { name: 'Start transaction' }));
  return { user, client };
}

describe('a malformed answer to an operation', () => {
  it('links to its frame in the message log, which opens on it', async () => {
    const { user } = await sendAnswered(malformed);
    const link = await screen.findByRole('link', { name: 'Open the answer in the message log' });
    expect(link.getAttribute('href')).toBe('/log?charger=CP001&frame=3');
    await user.click(link);
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/log?charger=CP001&frame=3'));
    const d = await screen.findByRole('complementary', { name: 'Frame details' });
    expect(within(d).getByText('#3')).toBeTruthy();
  });

  it('says so when its frame is not in the log', async () => {
    await sendAnswered(malformed, frames.slice(0, 2));
    expect(await screen.findByText(`The answer's frame (message id ${id}) is not in the message log: it may have been deleted.`)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Open the answer in the message log' })).toBeNull();
  });
});
