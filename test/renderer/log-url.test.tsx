// @vitest-environment jsdom
// The message log keeps its filters and the frame open in the URL: a link (or a reload) opens it filtered
// with the frame open; a filter picked is a step Back undoes, typing a search only replaces the URL; a
// parameter that is unknown or malformed is left at its default; a charger's own log keeps its charger.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useNavigate } from 'react-router';
import { fakeClient, routed, stubResizeObserver, withBench, type FakeClient } from './fake-client';
import { at, countOf, logRowsLaidOut, pageOf } from './log-fixtures';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { LogScreen } from '../../src/renderer/src/features/log/LogScreen';
import { MessageLog } from '../../src/renderer/src/features/log/MessageLog';
import { SEARCH_DEBOUNCE_MS } from '../../src/renderer/src/features/log/LogFilters';
import { paths } from '../../src/renderer/src/app/routes';
import type { MessageView } from '../../src/shared/api/views';

stubResizeObserver();
logRowsLaidOut();
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { 'CP-1': { id: 'CP-1' } as never, 'CP-2': { id: 'CP-2' } as never } }, true));
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

/** 40 frames, ids 1..40: CP-1 and CP-2 in turn, Heartbeat CALLs in and their answers out. */
function aLog(): MessageView[] {
  return Array.from({ length: 40 }, (_, i): MessageView => {
    const id = i + 1;
    const out = id % 4 >= 2;
    return {
      id,
      ts: at(id * 1000),
      chargerId: id % 2 ? 'CP-1' : 'CP-2',
      direction: out ? 'out' : 'in',
      kind: out ? 'CALLRESULT' : 'CALL',
      messageId: `m${id}`,
      action: 'Heartbeat',
      raw: out ? `[3,"m${id}",{"currentTime":"${at(id * 1000)}"}]` : `[2,"m${id}","Heartbeat",{}]`,
      error: null,
    };
  });
}

const aBench = (frames = aLog()): FakeClient => fakeClient({ 'messages:count': countOf(frames), 'messages:page': pageOf(frames), 'operations:list': () => [], 'connectionAttempts:list': () => [] });

/** The filter of the log's view: its first page's query without paging. */
const viewFilters = (client: FakeClient) => client.callsOf('messages:page').flatMap(({ offset, limit, upToId, ...f }) => (offset === 0 && upToId === undefined && limit !== 1 ? [f] : []));

function Back() {
  const navigate = useNavigate();
  return <button onClick={() => void navigate(-1)}>Back</button>;
}

const where = () => screen.getByTestId('where').textContent!;
const detail = () => screen.findByRole('complementary', { name: 'Frame details' });

/** The log opened at /log with a Back button, Direction "Sent to charger" picked (the URL /log?dir=out). */
async function openWithDirectionPicked() {
  const user = userEvent.setup();
  const client = aBench();
  render(
    withBench(
      client,
      <>
        {routed({ '/log': <LogScreen /> }, true)}
        <Back />
      </>,
      '/log',
    ),
  );
  await screen.findByText('40 frames');
  await user.click(screen.getByLabelText('Direction'));
  await user.click(await screen.findByRole('option', { name: 'Sent to charger' }));
  await waitFor(() => expect(where()).toBe('/log?dir=out'));
  return { user, client };
}

describe('the message log in its URL', () => {
  it('opens a link with its filters applied and the frame it names open', async () => {
    const client = aBench();
    const link = paths.log({ charger: 'CP-1', actions: ['Heartbeat'], direction: 'in', kinds: ['CALL'], from: '2026-03-01T08:00:05Z', search: 'Heartbeat', frame: 9 });
    render(withBench(client, routed({ '/log': <LogScreen /> }, true), link));
    await waitFor(() => expect(viewFilters(client)[0]).toEqual({ chargerId: 'CP-1', actions: ['Heartbeat'], direction: 'in', kinds: ['CALL'], from: '2026-03-01T08:00:05.000Z', search: 'Heartbeat' }));
    expect(viewFilters(client)).toHaveLength(1);
    const d = await detail();
    expect(within(d).getByText('#9')).toBeTruthy();
    expect(within(d).getByText('Heartbeat · CALL')).toBeTruthy();
    // The fields say the filter applied.
    expect((screen.getByLabelText('Search frames') as HTMLInputElement).value).toBe('Heartbeat');
    expect((screen.getByRole('combobox', { name: 'Charger' }) as HTMLInputElement).value).toBe('CP-1');
    expect(screen.getByLabelText('Direction').textContent).toBe('Received from charger');
    // The time as the field shows it: local time, the same instant.
    expect(new Date((screen.getByLabelText('From') as HTMLInputElement).value).getTime()).toBe(Date.parse('2026-03-01T08:00:05Z'));
  });

  it('ignores what it cannot read, keeping the rest of the link', async () => {
    const client = aBench();
    render(withBench(client, routed({ '/log': <LogScreen /> }, true), '/log?charger=CP-2&dir=sideways&kind=BOGUS&action=NotAnAction&from=yesterday&to=2026-13-45T99:00&errors=maybe&frame=abc'));
    await waitFor(() => expect(viewFilters(client)[0]).toEqual({ chargerId: 'CP-2' }));
    expect(await screen.findByText('20 frames')).toBeTruthy();
    expect(screen.queryByRole('complementary', { name: 'Frame details' })).toBeNull();
  });

  it('says so when the frame a link names is not in the log', async () => {
    const client = aBench();
    render(withBench(client, routed({ '/log': <LogScreen /> }), '/log?frame=4000'));
    expect(await screen.findByText(/Frame #4000 is not in the message log/)).toBeTruthy();
    expect(screen.queryByRole('complementary', { name: 'Frame details' })).toBeNull();
  });

  it('puts a filter picked and the frame opened in the URL; Back undoes the filter, not each key of a search', async () => {
    const { user, client } = await openWithDirectionPicked();
    await user.type(screen.getByLabelText('Search frames'), 'm1');
    await waitFor(() => expect(where()).toBe('/log?dir=out&q=m1'), { timeout: 3000 });
    await waitFor(() => expect(viewFilters(client).at(-1)).toEqual({ direction: 'out', search: 'm1' }));
    // A frame opened is in the URL too, and closing it takes it out.
    await waitFor(() => expect(document.getElementById('log-row-0')?.textContent).toContain('m19'));
    await user.click(document.getElementById('log-row-0')!);
    await detail();
    await waitFor(() => expect(where()).toBe('/log?dir=out&q=m1&frame=19'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(where()).toBe('/log?dir=out&q=m1'));
    // Back: before the direction was picked (typing the search, opening and closing the frame were not steps).
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(where()).toBe('/log'));
    await waitFor(() => expect(viewFilters(client).at(-1)).toEqual({}));
    expect(screen.getByLabelText('Direction').textContent).not.toContain('Sent to charger');
    expect((screen.getByLabelText('Search frames') as HTMLInputElement).value).toBe('');
  });

  it('goes Back even while a search is being typed: the box shows the step gone back to, and the typing is dropped', async () => {
    const { client } = await openWithDirectionPicked();
    // A search typed, and Back pressed before the log follows the typing.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.change(screen.getByLabelText('Search frames'), { target: { value: 'm1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(where()).toBe('/log');
    // Long after the pause the search waits for: the step gone back to is still what it was, and so is the box.
    act(() => void vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2));
    vi.useRealTimers();
    expect(where()).toBe('/log');
    expect((screen.getByLabelText('Search frames') as HTMLInputElement).value).toBe('');
    expect(screen.getByLabelText('Direction').textContent).not.toContain('Sent to charger');
    await waitFor(() => expect(viewFilters(client).at(-1)).toEqual({}));
    expect(viewFilters(client).some((f) => f.search !== undefined)).toBe(false);
  });

  it('Clear filters while a search is being typed clears the typing too: nothing is searched for after the clear', async () => {
    const { client } = await openWithDirectionPicked();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.change(screen.getByLabelText('Search frames'), { target: { value: 'm1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    act(() => void vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2));
    vi.useRealTimers();
    expect(where()).toBe('/log');
    expect((screen.getByLabelText('Search frames') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(viewFilters(client).at(-1)).toEqual({}));
    expect(viewFilters(client).some((f) => f.search !== undefined)).toBe(false);
  });

  it("in a charger's own log, keeps the screen's tab and its charger whatever the URL says", async () => {
    const user = userEvent.setup();
    const client = aBench();
    render(withBench(client, routed({ '/chargers/:id': <MessageLog chargerId="CP-1" /> }, true), '/chargers/CP-1?tab=log&charger=CP-2&kind=CALL'));
    await waitFor(() => expect(viewFilters(client)[0]).toEqual({ chargerId: 'CP-1', kinds: ['CALL'] }));
    await user.click(screen.getByLabelText('Errors only'));
    await waitFor(() => expect(where()).toBe('/chargers/CP-1?tab=log&kind=CALL&errors=1'));
  });
});
