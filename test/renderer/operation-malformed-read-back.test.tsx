// @vitest-environment jsdom
// A malformed answer read back from the record (its call's own answer lost with the link to the bench)
// links to that answer's frame in the message log as the live one does: the record keeps the operation
// without the CALL's message id, which is found from the CALL the bench logged between its send and its end.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { CallFailure } from '../../src/renderer/src/api/client';
import { useBench } from '../../src/renderer/src/stores/bench';
import type { OperationResult } from '../../src/shared/api/contract';
import type { MessageView, OperationView } from '../../src/shared/api/views';
import { aCharger, benchPerTest, fakeClient, withBench } from './fake-client';
import { operationChanged } from './builders';
import { aLoggedFrame, at, pageOf } from './log-fixtures';

const goLive = benchPerTest(() => ({ chargers: { CP001: aCharger('CP001') } }));

const id = 'c0ffee-0002';
const frame = (m: Partial<MessageView> & Pick<MessageView, 'id'>) => aLoggedFrame(m, 1000);
const frames: MessageView[] = [
  // An earlier ClearCache, answered before this one was sent.
  frame({ id: 1, direction: 'out', messageId: 'earlier', action: 'ClearCache', raw: '[2,"earlier","ClearCache",{}]' }),
  frame({ id: 2, kind: 'CALLRESULT', messageId: 'earlier', action: 'ClearCache', raw: '[3,"earlier",{"status":"Accepted"}]' }),
  frame({ id: 3, direction: 'out', messageId: id, action: 'ClearCache', raw: `[2,"${id}","ClearCache",{}]` }),
  frame({ id: 4, kind: 'CALLRESULT', messageId: id, action: 'ClearCache', raw: `[3,"${id}",{"status":"Maybe"}]`, error: 'PropertyConstraintViolation: status must be Accepted or Rejected' }),
];

/** The ClearCache the bench recorded: sent with frame 3, its answer (frame 4) malformed. */
const recorded: OperationView = {
  id: 7,
  chargerId: 'CP001',
  action: 'ClearCache',
  request: {},
  sentAt: at(3000),
  finishedAt: at(4000),
  outcome: 'invalidResponse',
  response: { status: 'Maybe' },
  error: { code: 'PropertyConstraintViolation', description: 'status must be Accepted or Rejected' },
};

describe('a malformed answer whose call lost its answer with the link', () => {
  it('links to its frame once read back from the record', async () => {
    const user = userEvent.setup();
    let lose: ((e: unknown) => void) | undefined;
    const client = fakeClient({
      'chargers:operate': () => new Promise<OperationResult>((_, reject) => (lose = reject)),
      'operations:list': ({ actions }) => (actions?.includes('ClearCache') ? [recorded] : []),
      'messages:page': pageOf(frames),
    });
    goLive(client, { chargers: { CP001: aCharger('CP001') } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="ClearCache" />));
    await user.click(screen.getByRole('button', { name: 'Clear the cache…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Clear the authorization cache of CP001' }));
    await waitFor(() => expect(client.refs).toHaveLength(1));
    client.emit([operationChanged(recorded.sentAt, { ref: client.refs[0]!, action: 'ClearCache', state: 'sent', sentAt: recorded.sentAt, dueBy: at(60_000), operationId: 7 })]);

    useBench.setState({ link: 'closed' });
    lose!(new CallFailure({ status: 0, message: 'The bench is not reachable: is chargebench serve still running?' }));
    await screen.findByText('It is not known whether ClearCache reached CP001');
    useBench.setState((s) => ({ link: 'open', snapshots: s.snapshots + 1 }));

    const link = await screen.findByRole('link', { name: 'Open the answer in the message log' });
    expect(link.getAttribute('href')).toBe('/log?charger=CP001&frame=4');
  });
});
