// @vitest-environment jsdom
// The message log: rows come page by page for a pinned view; each filter sends the query it means; a
// row opens in full beside the list with its request or response, and copies; the keyboard moves
// through the rows; frames arriving meanwhile are offered as "N new frames"; exports go to the client.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient, stubResizeObserver, letElementsScroll } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MessageLog } from '../../src/renderer/src/features/log/MessageLog';
import { LogScreen } from '../../src/renderer/src/features/log/LogScreen';
import type { MessageFilter } from '../../src/shared/api/contract';
import type { MessageView } from '../../src/shared/api/views';
import { formatDateTime } from '../../src/shared/format/time';
import { Faults, type VirtualChargerView } from '../../src/shared/api/virtual-chargers';

stubResizeObserver();

// jsdom lays nothing out: give the list's scroll area the height of 20 rows, and let it scroll.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
let unscroll: () => void;
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get() {
      return (this as HTMLElement).dataset?.testid === 'log-rows' ? 640 : 0;
    },
  });
  unscroll = letElementsScroll();
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { 'CP-1': { id: 'CP-1' } as never, 'CP-2': { id: 'CP-2' } as never } }, true);
});
afterEach(() => {
  cleanup();
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  unscroll();
  vi.useRealTimers();
});

/** 300 frames: CALL and CALLRESULT pairs, the oldest first, ids 1..300. */
function aLog(): MessageView[] {
  const frames: MessageView[] = [];
  for (let i = 0; i < 150; i++) {
    const chargerId = i % 3 ? 'CP-1' : 'CP-2';
    const action = i % 2 ? 'Heartbeat' : 'MeterValues';
    const ts = new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString();
    const call = action === 'Heartbeat' ? {} : { connectorId: 1, meterValue: [] };
    frames.push({ id: frames.length + 1, ts, chargerId, direction: 'in', kind: 'CALL', messageId: `m${i}`, action, raw: JSON.stringify([2, `m${i}`, action, call]), error: null });
    frames.push({
      id: frames.length + 1,
      ts,
      chargerId,
      direction: 'out',
      kind: 'CALLRESULT',
      messageId: `m${i}`,
      action,
      raw: JSON.stringify([3, `m${i}`, action === 'Heartbeat' ? { currentTime: ts } : {}]),
      error: null,
    });
  }
  return frames;
}

function matches(m: MessageView, f: MessageFilter): boolean {
  return (
    (!f.chargerId || m.chargerId === f.chargerId) &&
    (!f.actions || f.actions.includes(m.action!)) &&
    (!f.direction || m.direction === f.direction) &&
    (!f.kinds || f.kinds.includes(m.kind)) &&
    (!f.search || m.raw.includes(f.search))
  );
}

function aBench(frames = aLog()) {
  return fakeClient({
    'messages:count': ({ filter, upToId }) => {
      const maxId = upToId ?? frames.length;
      return { count: frames.filter((m) => m.id <= maxId && matches(m, filter)).length, capped: false, maxId };
    },
    'messages:page': ({ upToId, offset = 0, limit = 200, ...filter }) =>
      frames
        .filter((m) => m.id <= (upToId ?? Infinity) && matches(m, filter))
        .reverse()
        .slice(offset, offset + limit),
  });
}

/** The filters of each view the log opened: its first page (asked for before it is pinned). */
const filtersOf = (client: FakeClient) =>
  client
    .callsOf('messages:page')
    .filter((c) => c.upToId === undefined && c.limit === 100)
    .map(({ offset: _o, limit: _l, ...filter }) => filter);
const row = (index: number) => document.getElementById(`log-row-${index}`)!;

describe('the message log', () => {
  it('shows the newest frames of a pinned view, fetched a page at a time', async () => {
    const client = aBench();
    render(withBench(client, <LogScreen />));
    expect(await screen.findByText('300 frames')).toBeTruthy();
    await waitFor(() => expect(within(row(0)).getByText('m149')).toBeTruthy());
    // The first page pins the view; the count and later pages keep to it.
    expect(client.callsOf('messages:page')[0]).toEqual({ offset: 0, limit: 100 });
    expect(client.callsOf('messages:count')).toEqual([{ filter: {}, upToId: 300, cap: 10_000 }]);
    const cells = within(row(1))
      .getAllByRole('gridcell')
      .map((c) => c.textContent);
    // The pick box, then the time in the one shared time format, to the millisecond.
    expect(cells).toEqual(['', formatDateTime(Date.UTC(2026, 2, 1, 8, 2, 29), { milliseconds: true }), 'CP-1', '', 'CALL', 'Heartbeat', 'm149', '{}']);
    expect(cells[1]).toMatch(/29\.000/);
    expect(within(row(0)).getByRole('gridcell', { name: /currentTime/ })).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Frames' }).getAttribute('aria-rowcount')).toBe('301');
    await userEvent.click(screen.getByRole('grid'));
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(within(row(299)).getByText('m0')).toBeTruthy());
    expect(client.callsOf('messages:page').at(-1)).toEqual({ upToId: 300, offset: 200, limit: 100 });
  });

  it('sends the query each filter means', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const client = aBench();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(withBench(client, <MessageLog />));
    await screen.findByText('300 frames');

    await user.click(screen.getByLabelText('Actions'));
    await user.click(await screen.findByRole('option', { name: 'Heartbeat' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(filtersOf(client).at(-1)).toEqual({ actions: ['Heartbeat'] }));
    expect(await screen.findByText('150 frames')).toBeTruthy();

    await user.click(screen.getByLabelText('Direction'));
    await user.click(await screen.findByRole('option', { name: 'Received from charger' }));
    await waitFor(() => expect(filtersOf(client).at(-1)).toEqual({ actions: ['Heartbeat'], direction: 'in' }));

    await user.click(screen.getByLabelText('Kind'));
    await user.click(await screen.findByRole('option', { name: 'CALLERROR' }));
    await user.click(await screen.findByRole('option', { name: 'CALL' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(filtersOf(client).at(-1)).toEqual({ actions: ['Heartbeat'], direction: 'in', kinds: ['CALL', 'CALLERROR'] }));

    await user.click(screen.getByLabelText('Errors only'));
    await waitFor(() => expect(filtersOf(client).at(-1)).toMatchObject({ errorsOnly: true }));

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01T09:00:10' } });
    await waitFor(() => expect(filtersOf(client).at(-1)).toMatchObject({ from: new Date('2026-03-01T09:00:10').toISOString() }));
    // "To" takes in the whole second it names.
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-01T09:00:20' } });
    await waitFor(() => expect(filtersOf(client).at(-1)).toMatchObject({ to: new Date('2026-03-01T09:00:20.999').toISOString() }));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(filtersOf(client).at(-1)).toEqual({}));

    // The search waits for a pause in typing: one query, not one per key.
    const before = filtersOf(client).length;
    await user.type(screen.getByLabelText('Search frames'), 'm14');
    await act(() => vi.advanceTimersByTimeAsync(400));
    await waitFor(() => expect(filtersOf(client).at(-1)).toEqual({ search: 'm14' }));
    expect(filtersOf(client).length).toBe(before + 1);

    await user.type(screen.getByLabelText('Charger'), 'CP-2{Enter}');
    await waitFor(() => expect(filtersOf(client).at(-1)).toEqual({ chargerId: 'CP-2', search: 'm14' }));
  });

  it('opens a frame in full beside the list, with its request, and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const client = aBench();
    render(withBench(client, <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('m149')).toBeTruthy());
    await userEvent.click(row(0));
    const detail = await screen.findByRole('complementary', { name: 'Frame details' });
    expect(within(detail).getByText('Heartbeat · CALLRESULT')).toBeTruthy();
    expect(within(detail).getByLabelText('The frame as JSON').textContent).toBe(JSON.stringify([3, 'm149', { currentTime: '2026-03-01T08:02:29.000Z' }], null, 2));
    // Its request: the same charger and message id, the other way, in the minute before.
    expect((await within(detail).findByLabelText('The request as JSON')).textContent).toContain('"Heartbeat"');
    expect(client.callsOf('messages:page').at(-1)).toMatchObject({ chargerId: 'CP-1', kinds: ['CALL'], search: '"m149"', limit: 20 });
    // Copy gives the frame exactly as it was sent; Copy formatted, as shown.
    await userEvent.click(within(detail).getByRole('button', { name: 'Copy raw' }));
    expect(writeText).toHaveBeenCalledWith(JSON.stringify([3, 'm149', { currentTime: '2026-03-01T08:02:29.000Z' }]));
    expect(await within(detail).findByText('Copied')).toBeTruthy();
    await userEvent.click(within(detail).getByRole('button', { name: 'Copy formatted' }));
    expect(writeText).toHaveBeenLastCalledWith(JSON.stringify([3, 'm149', { currentTime: '2026-03-01T08:02:29.000Z' }], null, 2));
    await userEvent.click(within(detail).getByRole('button', { name: 'Close frame details' }));
    expect(screen.queryByRole('complementary', { name: 'Frame details' })).toBeNull();
  });

  it('moves through the rows with the keyboard; Enter opens, Escape closes', async () => {
    const client = aBench();
    render(withBench(client, <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('m149')).toBeTruthy());
    const grid = screen.getByRole('grid', { name: 'Frames' });
    grid.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(row(0).getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(grid.getAttribute('aria-activedescendant')).toBe('log-row-1');
    await userEvent.keyboard('{Enter}');
    const detail = await screen.findByRole('complementary', { name: 'Frame details' });
    expect(within(detail).getByText('Heartbeat · CALL')).toBeTruthy();
    // The open frame follows the selection.
    await userEvent.keyboard('{ArrowDown}');
    expect(await within(detail).findByText('MeterValues · CALLRESULT')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('complementary', { name: 'Frame details' })).toBeNull();
    expect(document.activeElement).toBe(grid);
  });

  it('offers the frames logged since the view was pinned, and follows them when asked', async () => {
    const frames = aLog();
    const client = aBench(frames);
    render(withBench(client, <MessageLog chargerId="CP-1" />));
    await screen.findByText('200 frames');
    expect(screen.queryByLabelText('Charger')).toBeNull();
    expect(filtersOf(client)).toEqual([{ chargerId: 'CP-1' }]);
    expect(client.callsOf('messages:count')).toEqual([{ filter: { chargerId: 'CP-1' }, upToId: 300, cap: 10_000 }]);
    await userEvent.click(screen.getByLabelText('Follow live'));
    const late = (id: number, chargerId: string): MessageView => ({
      id,
      ts: new Date().toISOString(),
      chargerId,
      direction: 'in',
      kind: 'CALL',
      messageId: `late${id}`,
      action: 'Heartbeat',
      raw: `[2,"late${id}","Heartbeat",{}]`,
      error: null,
    });
    frames.push(late(301, 'CP-1'), late(302, 'CP-2'), late(303, 'CP-1'));
    act(() => client.emit(frames.slice(300).map(({ id: _id, ...message }) => ({ type: 'frameLogged', message }))));
    await userEvent.click(await screen.findByRole('button', { name: '2 new frames — show' }));
    expect(await screen.findByText('202 frames')).toBeTruthy();
    await waitFor(() => expect(within(row(0)).getByText('late303')).toBeTruthy());
    expect(client.callsOf('messages:count').at(-1)).toMatchObject({ filter: { chargerId: 'CP-1' }, upToId: 303 });

    // Following live, the view moves to new frames by itself.
    await userEvent.click(screen.getByLabelText('Follow live'));
    frames.push(late(304, 'CP-1'));
    act(() => client.emit([{ type: 'frameLogged', message: { ...late(304, 'CP-1'), id: undefined } as never }]));
    expect(await screen.findByText('203 frames', {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /new frame/ })).toBeNull();
  });

  it('does not follow live while the time range ends in the past, and says why', async () => {
    const client = aBench(aLog());
    render(withBench(client, <MessageLog chargerId="CP-1" />));
    await screen.findByText('200 frames');
    expect((screen.getByLabelText('Follow live') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2020-01-01T10:00:00' } });
    const ended = (await screen.findByLabelText(/^Follow live \(the time range has ended/)) as HTMLInputElement;
    expect(ended.checked).toBe(false);
    expect(ended.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '' } });
    expect(((await screen.findByLabelText('Follow live')) as HTMLInputElement).checked).toBe(true);
  });

  it('picks several frames (one by one, or a range with Shift) and copies or exports them as the JSON export writes them', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (saved.push(b), 'blob:test')) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    render(withBench(aBench(), <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('m149')).toBeTruthy());
    await user.click(within(row(0)).getByRole('checkbox'));
    await user.click(within(row(3)).getByRole('checkbox'));
    await user.keyboard('{Shift>}');
    await user.click(within(row(5)).getByRole('checkbox'));
    await user.keyboard('{/Shift}');
    const picked = within(screen.getByRole('group', { name: 'Picked frames' }));
    expect(picked.getByText('4 picked')).toBeTruthy();
    await user.click(picked.getByRole('button', { name: 'Copy as JSON' }));
    const copied = JSON.parse(writeText.mock.calls[0][0]) as Array<Record<string, unknown>>;
    // Oldest first, each frame with the filter export's fields: its time as ts, its payload read, its raw text.
    expect(copied.map((f) => f.id)).toEqual([295, 296, 297, 300]);
    expect(Object.keys(copied[3])).toEqual(['id', 'ts', 'chargerId', 'direction', 'kind', 'messageId', 'action', 'error', 'payload', 'raw']);
    expect(copied[3]).toMatchObject({
      messageId: 'm149',
      action: 'Heartbeat',
      kind: 'CALLRESULT',
      payload: { currentTime: '2026-03-01T08:02:29.000Z' },
      raw: JSON.stringify([3, 'm149', { currentTime: '2026-03-01T08:02:29.000Z' }]),
    });
    await user.click(picked.getByRole('button', { name: 'Export picked' }));
    expect(await saved[0].text()).toBe(writeText.mock.calls[0][0]);
  });

  it('marks what the search found in the rows and in the frame opened', async () => {
    const client = aBench();
    render(withBench(client, <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('m149')).toBeTruthy());
    await userEvent.type(screen.getByRole('textbox', { name: /Search/ }), 'currentTime');
    await waitFor(() => expect(filtersOf(client).at(-1)).toEqual({ search: 'currentTime' }));
    await waitFor(() => expect(screen.getByText('75 frames')).toBeTruthy());
    expect(row(0).querySelector('mark')?.textContent).toBe('currentTime');
    await userEvent.click(row(0));
    const detail = await screen.findByRole('complementary', { name: 'Frame details' });
    expect([...within(detail).getByLabelText('The frame as JSON').querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['currentTime']);
  });

  it('marks a virtual charger with fault switches on in its rows and in the charger filter', async () => {
    const user = userEvent.setup();
    useBench.setState({
      chargers: { 'CP-1': { id: 'CP-1' } as never, 'CP-2': { id: 'CP-2', virtual: true } as never },
      virtualChargers: { 'CP-2': { id: 'CP-2', faults: { ...Faults.parse({}), stuckConnector: true } } as unknown as VirtualChargerView },
    });
    render(withBench(aBench(), <MessageLog />));
    await waitFor(() => expect(within(row(0)).getByText('m149')).toBeTruthy());
    const badges = (el: HTMLElement) => within(el).queryAllByRole('img', { name: /^Virtual charger|^Fault switches on/ }).length;
    // Frame 300 is CP-1's (real), frame 296 CP-2's (virtual, a fault switch on).
    expect(badges(row(0))).toBe(0);
    expect(within(row(4)).getByText('CP-2')).toBeTruthy();
    expect(badges(row(4))).toBe(2);
    await user.click(screen.getByRole('combobox', { name: 'Charger' }));
    expect(badges(await screen.findByRole('option', { name: /^CP-2/ }))).toBe(2);
    expect(badges(screen.getByRole('option', { name: /^CP-1/ }))).toBe(0);
  });

  it('exports the filtered log through the client and says where it went', async () => {
    const client = aBench();
    const exportMessages = vi.spyOn(client, 'exportMessages');
    render(withBench(client, <MessageLog chargerId="CP-2" />));
    await screen.findByText('100 frames');
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Export as CSV' }));
    expect(exportMessages).toHaveBeenCalledWith({ filter: { chargerId: 'CP-2' }, format: 'csv' });
    expect(await screen.findByText(/downloads as CSV to test\.json/)).toBeTruthy();
  });

  it('says it is exporting until the file is written, and starts no second export meanwhile', async () => {
    const client = aBench();
    let written: (r: { saved: boolean; where?: string }) => void = () => {};
    const exportMessages = vi.spyOn(client, 'exportMessages').mockImplementation(() => new Promise((resolve) => (written = resolve)));
    render(withBench(client, <MessageLog chargerId="CP-2" />));
    await screen.findByText('100 frames');
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Export as JSON' }));
    const busy = await screen.findByRole('button', { name: 'Exporting…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    written({ saved: true, where: 'log.json' });
    expect(await screen.findByRole('button', { name: 'Export' })).toBeTruthy();
    expect(await screen.findByText(/downloads as JSON to log\.json/)).toBeTruthy();
    expect(exportMessages).toHaveBeenCalledTimes(1);
  });

  it('says so plainly when nothing matches, and offers to clear the filters', async () => {
    const client = aBench();
    render(withBench(client, <MessageLog />));
    await screen.findByText('300 frames');
    fireEvent.change(screen.getByLabelText('Search frames'), { target: { value: 'nothing-like-this' } });
    expect(await screen.findByText('No frames match these filters', {}, { timeout: 2000 })).toBeTruthy();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    expect(await screen.findByText('300 frames')).toBeTruthy();
  });
});
