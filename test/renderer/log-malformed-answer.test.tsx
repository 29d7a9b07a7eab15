// @vitest-environment jsdom
// A request whose answer the charger sent malformed: the detail says the malformed answer is recorded
// (which log entry, how long after), shows it and opens it, and no longer claims no answer is recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient, stubResizeObserver } from './fake-client';
import { at, countOf, logRowsLaidOut, pageOf } from './log-fixtures';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MessageLog } from '../../src/renderer/src/features/log/MessageLog';
import type { MessageView, OperationView } from '../../src/shared/api/views';

stubResizeObserver();

logRowsLaidOut();
beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { 'CP-1': { id: 'CP-1' } as never } }, true);
});
afterEach(cleanup);

function aBench(frames: MessageView[], operations: OperationView[] = []): FakeClient {
  return fakeClient({
    'messages:count': countOf(frames),
    'messages:page': pageOf(frames),
    'operations:list': ({ chargerId, limit }) => operations.filter((o) => !chargerId || o.chargerId === chargerId).slice(0, limit),
    'connectionAttempts:list': () => [],
  });
}

const id = 'ee8c934a-0001';
const call: MessageView = {
  id: 51,
  ts: at(0),
  chargerId: 'CP-1',
  direction: 'out',
  kind: 'CALL',
  messageId: id,
  action: 'GetConfiguration',
  raw: JSON.stringify([2, id, 'GetConfiguration', {}]),
  error: null,
};
const malformed: MessageView = {
  id: 52,
  ts: at(1),
  chargerId: 'CP-1',
  direction: 'in',
  kind: 'INVALID',
  messageId: null,
  action: null,
  raw: `[3,"${id}",{"status":`,
  error: 'FormationViolation: not JSON',
};
const operation: OperationView = {
  id: 4,
  chargerId: 'CP-1',
  action: 'GetConfiguration',
  request: {},
  sentAt: at(0),
  finishedAt: at(1),
  outcome: 'invalidResponse',
  response: undefined,
  error: { code: 'FormationViolation', description: 'The answer was malformed: not JSON' },
};

const row = (index: number) => document.getElementById(`log-row-${index}`)!;
const detail = () => screen.findByRole('complementary', { name: 'Frame details' });

async function openCall(frames: MessageView[], ops: OperationView[] = [operation]) {
  const client = aBench(frames, ops);
  render(withBench(client, <MessageLog />));
  const index = frames.length - frames.findIndex((m) => m.id === call.id) - 1;
  await waitFor(() => expect(row(index).textContent).toContain('GetConfiguration'));
  await userEvent.click(row(index));
  const d = await detail();
  return { client, d, what: await within(d).findByLabelText('What happened to this request') };
}

describe('a request answered with a malformed frame', () => {
  it('says the malformed answer is recorded, which entry and when, and no longer claims no answer', async () => {
    const { d, what } = await openCall([call, malformed]);
    expect(what.textContent).toContain('A malformed answer from the charger is recorded 1 ms after this request: log entry #52.');
    expect(what.textContent).toContain("The bench's operation #4 (GetConfiguration) got a malformed answer 1 ms after this request: FormationViolation: The answer was malformed: not JSON.");
    expect(what.textContent).not.toMatch(/No answer/);
    expect(within(d).getByLabelText('The malformed answer as sent').textContent).toBe(malformed.raw);
  });

  it('opens the malformed answer in the detail', async () => {
    const { d } = await openCall([call, malformed]);
    await userEvent.click(within(d).getByRole('button', { name: 'Open log entry #52' }));
    await waitFor(async () => expect(within(await detail()).getByText('#52')).toBeTruthy());
  });

  it('takes no other invalid frame for the answer: another message id, or a CALL', async () => {
    const other: MessageView = { ...malformed, raw: `[3,"other-id",{"mentions":"${id}"` };
    const asCall: MessageView = { ...malformed, id: 53, ts: at(2), raw: `[2,"${id}","Heartbeat",` };
    const { what } = await openCall([call, other, asCall], []);
    expect(what.textContent).toMatch(/^No answer from the charger recorded in the minute after this request\./);
    expect(what.textContent).not.toMatch(/malformed answer from/);
  });

  it('says so when the malformed answer is logged while the request is open', async () => {
    const now = Date.now();
    const live: MessageView = { ...call, ts: new Date(now - 2000).toISOString() };
    const frames = [live];
    const { client, d } = await openCall(frames, []);
    expect(within(d).getByLabelText('What happened to this request').textContent).toMatch(/^No answer recorded yet/);
    const bad: MessageView = { ...malformed, ts: new Date(now).toISOString() };
    frames.push(bad);
    const { id: _entry, ...logged } = bad;
    act(() => client.emit([{ type: 'frameLogged', message: logged }]));
    await waitFor(() =>
      expect(within(d).getByLabelText('What happened to this request').textContent).toMatch(/^A malformed answer from the charger is recorded 2\.0 s after this request: log entry #52\./),
    );
  });
});
