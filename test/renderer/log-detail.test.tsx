// @vitest-environment jsdom
// The message log's detail and list as a QA engineer reads them: the frame opened stays the one picked
// when the filter changes (and says when the list no longer holds it); the frame is shown and copied
// exactly as sent; picked frames export as the filter export writes them; a request without an answer
// says what the record knows; a narrow list keeps its charger column; a search match deep in a payload
// shows in the row.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient, stubResizeObserver } from './fake-client';
import { T0, countOf, logRowsLaidOut, pageOf } from './log-fixtures';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MessageLog } from '../../src/renderer/src/features/log/MessageLog';
import type { ConnectionAttemptView, MessageView, OperationView } from '../../src/shared/api/views';
import { jsonExportText } from '../../src/shared/api/message-export';
import { formatClock, formatDateTime } from '../../src/shared/format/time';
import { frameTime } from '../../src/renderer/src/features/log/frame';

stubResizeObserver();

// The list's scroll area is `listWidth` wide (log-fixtures.ts: 20 rows high, less a scroll bar).
let listWidth = 1200;
logRowsLaidOut(() => listWidth);
beforeEach(() => {
  listWidth = 1200;
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { 'CP-1': { id: 'CP-1' } as never, 'CP-2': { id: 'CP-2' } as never } }, true);
});
afterEach(cleanup);

const at = (s: number) => new Date(T0 + s * 1000).toISOString();

/** 300 frames: CALL and CALLRESULT pairs, ids 1..300; charger CP-2 for every third pair. */
function aLog(): MessageView[] {
  const frames: MessageView[] = [];
  for (let i = 0; i < 150; i++) {
    const chargerId = i % 3 ? 'CP-1' : 'CP-2';
    const action = i % 2 ? 'Heartbeat' : 'MeterValues';
    const ts = at(i);
    frames.push({ id: frames.length + 1, ts, chargerId, direction: 'in', kind: 'CALL', messageId: `m${i}`, action, raw: JSON.stringify([2, `m${i}`, action, {}]), error: null });
    frames.push({ id: frames.length + 1, ts, chargerId, direction: 'out', kind: 'CALLRESULT', messageId: `m${i}`, action, raw: JSON.stringify([3, `m${i}`, {}]), error: null });
  }
  return frames;
}

function aBench(frames: MessageView[], more: { operations?: OperationView[]; attempts?: ConnectionAttemptView[] } = {}): FakeClient {
  return fakeClient({
    'messages:count': countOf(frames),
    'messages:page': pageOf(frames),
    'operations:list': ({ chargerId, limit }) => (more.operations ?? []).filter((o) => !chargerId || o.chargerId === chargerId).slice(0, limit),
    'connectionAttempts:list': ({ limit }) => (more.attempts ?? []).slice(0, limit),
  });
}

const row = (index: number) => document.getElementById(`log-row-${index}`)!;
const detail = () => screen.findByRole('complementary', { name: 'Frame details' });
const logEntry = (d: HTMLElement) => within(d).getByText(/^#\d+$/).textContent;
const selectedRows = () => document.querySelectorAll('[role="row"][aria-selected="true"]').length;

async function pickCharger(user: ReturnType<typeof userEvent.setup>, id: string) {
  await user.click(screen.getByRole('combobox', { name: 'Charger' }));
  await user.click(await screen.findByRole('option', { name: new RegExp(`^${id}`) }));
}

describe('the frame opened in the message log', () => {
  it('stays the frame picked when the filter changes, and says so when the list no longer holds it', async () => {
    const user = userEvent.setup();
    render(withBench(aBench(aLog()), <MessageLog />));
    await waitFor(() => expect(within(row(4)).getByText('CP-2')).toBeTruthy());
    // Row 4 is frame 296: CP-2's Heartbeat CALLRESULT m147.
    await user.click(row(4));
    expect(logEntry(await detail())).toBe('#296');

    await pickCharger(user, 'CP-1');
    expect(await screen.findByText('200 frames')).toBeTruthy();
    await waitFor(() => expect(within(row(0)).getByText('m149')).toBeTruthy());
    const d = await detail();
    expect(logEntry(d)).toBe('#296');
    expect(within(d).getByText('Heartbeat · CALLRESULT')).toBeTruthy();
    expect(within(d).getByText(/^Not in the current filter/)).toBeTruthy();
    expect(selectedRows()).toBe(0);

    // Back in a list that holds it, it is selected where it now is, and the note goes.
    await pickCharger(user, 'CP-2');
    expect(await screen.findByText('100 frames')).toBeTruthy();
    await waitFor(() => expect(row(0).getAttribute('aria-selected')).toBe('true'));
    expect(within(row(0)).getByText('m147')).toBeTruthy();
    expect(logEntry(await detail())).toBe('#296');
    expect(screen.queryByText(/^Not in the current filter/)).toBeNull();

    // A time range holding nothing: the list says so, and so does the frame kept open.
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2020-01-01T10:00:00' } });
    expect(await screen.findByText('No frames match these filters')).toBeTruthy();
    expect(logEntry(await detail())).toBe('#296');
    expect(screen.getByText(/^Not in the current filter/)).toBeTruthy();
  });

  it('shows and copies the frame exactly as sent; formatted only when asked, saying what formatting changes', async () => {
    const raw = '[2,"s1","StatusNotification",{"connectorId":1.0,"errorCode":"NoError","status":"Available","status":"Charging"}]';
    const frames: MessageView[] = [{ id: 1, ts: at(0), chargerId: 'CP-1', direction: 'in', kind: 'CALL', messageId: 's1', action: 'StatusNotification', raw, error: null }];
    const user = userEvent.setup();
    // After userEvent's setup, which puts its own clipboard in place.
    const writeText = vi.fn(async (_t: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    render(withBench(aBench(frames), <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('s1')).toBeTruthy());
    await user.click(row(0));
    const d = await detail();
    // Formatting would show connectorId 1 and one status: it opens as sent.
    expect(within(d).getByLabelText('The frame as sent').textContent).toBe(raw);
    expect(within(d).getByText(/^Shown exactly as sent/)).toBeTruthy();
    await user.click(within(d).getByRole('button', { name: 'Copy raw' }));
    expect(writeText).toHaveBeenLastCalledWith(raw);
    await user.click(within(d).getByRole('button', { name: 'Formatted' }));
    expect(within(d).getByLabelText('The frame as JSON').textContent).toContain('"connectorId": 1,');
    expect(within(d).getByText(/^Formatted, this frame reads differently/)).toBeTruthy();
    await user.click(within(d).getByRole('button', { name: 'Copy formatted' }));
    expect(writeText).toHaveBeenLastCalledWith(JSON.stringify(JSON.parse(raw), null, 2));
    // Each copy button says what it copied.
    expect(within(d).getByRole('button', { name: 'Copy raw' })).toBeTruthy();
    await user.click(within(d).getByRole('button', { name: 'Copy raw' }));
    expect(writeText).toHaveBeenLastCalledWith(raw);
    expect(within(d).getByRole('button', { name: 'Copy formatted' })).toBeTruthy();
    // The list's payload is the charger's text too.
    expect(within(row(0)).getByText(/"connectorId":1\.0/)).toBeTruthy();
  });

  it('exports picked frames as the filter export writes them: its fields, the raw text, oldest first', async () => {
    const out: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (out.push(b), 'blob:test')) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const frames: MessageView[] = [
      { id: 1, ts: at(0), chargerId: 'CP-1', direction: 'in', kind: 'CALL', messageId: 's1', action: 'StatusNotification', raw: '[2,"s1","StatusNotification",{"connectorId":1.0}]', error: null },
      { id: 2, ts: at(1), chargerId: 'CP-1', direction: 'in', kind: 'INVALID', messageId: null, action: null, raw: '[2,"x"', error: 'ProtocolError: not JSON' },
    ];
    const user = userEvent.setup();
    render(withBench(aBench(frames), <MessageLog />));
    await waitFor(() => expect(within(row(1)).getByText('s1')).toBeTruthy());
    await user.click(within(row(0)).getByRole('checkbox'));
    await user.click(within(row(1)).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Export picked' }));
    const text = await out[0].text();
    expect(text).toBe(jsonExportText(frames));
    expect(text).toBe(
      '[\n{"id":1,"ts":"2026-03-01T08:00:00.000Z","chargerId":"CP-1","direction":"in","kind":"CALL","messageId":"s1","action":"StatusNotification","error":null,"payload":{"connectorId":1.0},"raw":"[2,\\"s1\\",\\"StatusNotification\\",{\\"connectorId\\":1.0}]"},' +
        '\n{"id":2,"ts":"2026-03-01T08:00:01.000Z","chargerId":"CP-1","direction":"in","kind":"INVALID","messageId":null,"action":null,"error":"ProtocolError: not JSON","payload":null,"raw":"[2,\\"x\\""}\n]\n',
    );
  });
});

describe('a request without an answer', () => {
  const reset = (id: number, s: number, messageId: string): MessageView => ({
    id,
    ts: at(s),
    chargerId: 'CP-1',
    direction: 'out',
    kind: 'CALL',
    messageId,
    action: 'Reset',
    raw: JSON.stringify([2, messageId, 'Reset', { type: 'Soft' }]),
    error: null,
  });
  const op = (id: number, s: number, end: number, outcome: string, description: string): OperationView => ({
    id,
    chargerId: 'CP-1',
    action: 'Reset',
    request: { type: 'Soft' },
    sentAt: at(s),
    finishedAt: at(end),
    outcome,
    response: undefined,
    error: { description },
  });

  async function open(client: FakeClient, index: number) {
    render(withBench(client, <MessageLog />));
    await waitFor(() => expect(row(index).textContent).toMatch(/Reset|Heartbeat/));
    await userEvent.click(row(index));
    const d = await detail();
    return within(d).findByLabelText('What happened to this request');
  }

  it("says the bench's operation timed out, when and after how long, as recorded", async () => {
    const client = aBench([reset(1, 0, 'r1')], { operations: [op(7, 0, 30, 'timeout', 'No answer to Reset within 30 s')] });
    const what = await open(client, 0);
    expect(what.textContent).toContain("The bench's operation #7 (Reset) timed out 30.0 s after this request: No answer to Reset within 30 s.");
    expect(client.callsOf('operations:list')[0]).toEqual({ chargerId: 'CP-1', limit: 500 });
  });

  it('says the connection dropped 2 s later, and claims no timeout', async () => {
    const why = 'Charger CP-1 disconnected: closed by the charger (1006)';
    const client = aBench([reset(1, 0, 'r1'), reset(2, 100, 'r2')], {
      operations: [op(8, 100, 102, 'offline', why), op(7, 0, 30, 'timeout', 'No answer to Reset within 30 s')],
      attempts: [{ id: 3, ts: at(102), chargerId: 'CP-1', remoteAddress: null, outcome: 'closed', reason: 'closed by the charger (1006)' }],
    });
    const what = await open(client, 0);
    expect(what.textContent).toContain(`The bench's operation #8 (Reset) ended without an answer 2.0 s after this request: ${why}.`);
    // Its reason is the disconnect's: told once.
    expect(what.textContent).not.toContain("The charger's connection closed");
    expect(what.textContent).not.toMatch(/timed out|timeout/i);
  });

  it("without an operation on record, tells the charger's disconnect after it", async () => {
    const client = aBench([reset(1, 0, 'r1')], { attempts: [{ id: 3, ts: at(2), chargerId: 'CP-1', remoteAddress: null, outcome: 'closed', reason: 'closed by the charger (1000)' }] });
    const what = await open(client, 0);
    expect(what.textContent).toBe(
      'No answer from the charger recorded in the minute after this request.' +
        'No operation of the bench on record matches this request.' +
        "The charger's connection closed 2.0 s after this request: closed by the charger (1000).",
    );
  });

  it('replaces "no answer" with the answer when it is logged while the request is open', async () => {
    const now = Date.now();
    const sent: MessageView = { ...reset(1, 0, 'r-live'), ts: new Date(now - 2000).toISOString() };
    const frames = [sent];
    const client = aBench(frames);
    const what = await open(client, 0);
    expect(what.textContent).toMatch(/^No answer recorded yet: \d+\.\d s since this request\./);

    const answer: MessageView = {
      id: 2,
      ts: new Date(now).toISOString(),
      chargerId: 'CP-1',
      direction: 'in',
      kind: 'CALLRESULT',
      messageId: 'r-live',
      action: 'Reset',
      raw: JSON.stringify([3, 'r-live', { status: 'Accepted' }]),
      error: null,
    };
    frames.push(answer);
    const { id: _logEntry, ...logged } = answer;
    act(() => client.emit([{ type: 'frameLogged', message: logged }]));
    const d = await detail();
    await waitFor(() => expect(within(d).queryByLabelText('What happened to this request')).toBeNull());
    expect(within(d).getByLabelText('The response as JSON').textContent).toContain('"status": "Accepted"');
    expect(within(d).getByText(/answered 2000 ms later/)).toBeTruthy();
    expect(within(d).getByText(`CALLRESULT at ${frameTime(answer.ts)}`)).toBeTruthy();
  });

  it('keeps an answer logged live when the same row is picked again (a fresh copy of its row)', async () => {
    const now = Date.now();
    // Answered 90 s later: past the minute the record is searched in for an answer.
    const sent: MessageView = { ...reset(1, 0, 'r-late'), ts: new Date(now - 90_000).toISOString() };
    const frames = [sent];
    const bench = aBench(frames);
    // Each read hands fresh row objects, as the bench's answers do.
    const page = bench.handlers['messages:page']!;
    bench.handlers['messages:page'] = async (args) => (await page(args)).map((m) => ({ ...m }));
    const what = await open(bench, 0);
    expect(what.textContent).toMatch(/^No answer from the charger recorded/);

    const answer: MessageView = { ...sent, id: 2, ts: new Date(now).toISOString(), direction: 'in', kind: 'CALLRESULT', raw: JSON.stringify([3, 'r-late', { status: 'Accepted' }]) };
    frames.push(answer);
    const { id: _logEntry, ...logged } = answer;
    act(() => bench.emit([{ type: 'frameLogged', message: logged }]));
    const d = await detail();
    await waitFor(() => expect(within(d).getByLabelText('The response as JSON').textContent).toContain('"status": "Accepted"'), { timeout: 5000 });

    // The list read again (the answer on top), and the request picked again: its row is another object for the same frame.
    await userEvent.click(await screen.findByRole('button', { name: /1 new frame/ }, { timeout: 5000 }));
    await waitFor(() => expect(within(row(1)).getByText('r-late')).toBeTruthy(), { timeout: 5000 });
    await userEvent.click(row(1));
    expect(logEntry(await detail())).toBe('#1');
    for (let i = 0; i < 5; i++) await act(async () => undefined);
    expect(within(await detail()).getByLabelText('The response as JSON').textContent).toContain('"status": "Accepted"');
    expect(within(await detail()).queryByLabelText('What happened to this request')).toBeNull();
    expect(screen.queryByText(/No answer/)).toBeNull();
  });

  it("reads again what the record knows when the bench's operation of it ends while it is open", async () => {
    const operations: OperationView[] = [{ ...op(7, 0, 0, 'timeout', ''), finishedAt: null, outcome: null, error: undefined }];
    const client = aBench([reset(1, 0, 'r1')], { operations });
    const what = await open(client, 0);
    expect(what.textContent).toContain("The bench's operation #7 (Reset) has no outcome on record.");

    operations[0] = op(7, 0, 30, 'timeout', 'No answer to Reset within 30 s');
    act(() => client.emit([{ type: 'operationFinished', operation: operations[0]!, ts: at(30) }]));
    const d = await detail();
    await waitFor(() =>
      expect(within(d).getByLabelText('What happened to this request').textContent).toContain("The bench's operation #7 (Reset) timed out 30.0 s after this request: No answer to Reset within 30 s."),
    );
  });

  it('without an operation on record, says no answer is recorded and nothing more', async () => {
    const client = aBench([{ ...reset(1, 0, 'h1'), direction: 'in', action: 'Heartbeat', raw: '[2,"h1","Heartbeat",{}]' }]);
    const what = await open(client, 0);
    expect(what.textContent).toBe('No answer from the bench recorded in the minute after this request.');
    expect(client.callsOf('operations:list')).toEqual([]);
  });
});

describe('the list beside an open frame', () => {
  it('keeps the charger (time of day, direction, kind, action) at a narrow width, the date in the tooltip', async () => {
    listWidth = 540;
    render(withBench(aBench(aLog()), <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('Heartbeat')).toBeTruthy());
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    // The times are the browser's local time, the header says which zone (the tests run in UTC).
    expect(headers).toEqual(['', 'Time (UTC)', 'Charger', 'Dir.', 'Kind', 'Action']);
    const time = within(row(0)).getAllByRole('gridcell')[1];
    expect(time.textContent).toBe(formatClock(at(149), { milliseconds: true }));
    expect(time.getAttribute('title')).toBe(formatDateTime(at(149), { milliseconds: true }));
    expect(within(row(0)).getByText('CP-1')).toBeTruthy();
  });

  it('shows the payload around the first match of the search when it lies past what the row shows', async () => {
    const long = { data: `${'x'.repeat(400)}needle-here` };
    const frames: MessageView[] = [
      { id: 1, ts: at(0), chargerId: 'CP-1', direction: 'in', kind: 'CALL', messageId: 'd1', action: 'DataTransfer', raw: JSON.stringify([2, 'd1', 'DataTransfer', long]), error: null },
    ];
    const client = aBench(frames);
    render(withBench(client, <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('d1')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Search frames'), { target: { value: 'needle' } });
    await waitFor(() => expect(row(0).querySelector('mark')?.textContent).toBe('needle'));
    const payload = within(row(0)).getAllByRole('gridcell').at(-1)!;
    expect(payload.textContent).toMatch(/^…x{12}needle-here"}$/);
  });
});
