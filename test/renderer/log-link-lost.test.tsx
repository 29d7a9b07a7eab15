// @vitest-environment jsdom
// The message log after the link to the bench was lost: a filter whose read failed never shows the rows
// and count of the previous filter as its result, and is read again by itself when the link reopens; the
// frames logged while the link was down (no events came for them) are read when it reopens, followed live
// or offered as "N new frames"; meanwhile the rows are said to be as last read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, stubResizeObserver, withBench, type FakeClient } from './fake-client';
import { aLoggedFrame, countOf, logRowsLaidOut, pageOf } from './log-fixtures';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { CallFailure, type LinkState } from '../../src/renderer/src/api/client';
import { MessageLog } from '../../src/renderer/src/features/log/MessageLog';
import { SEARCH_DEBOUNCE_MS } from '../../src/renderer/src/features/log/LogFilters';
import type { MessageView } from '../../src/shared/api/views';

stubResizeObserver();
logRowsLaidOut();
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true));
afterEach(cleanup);

/** 38 Heartbeats of CP001 (two of them carry TAG-7), then 12 of CP002: ids 1..50. */
function aLog(): MessageView[] {
  return Array.from({ length: 50 }, (_, i) => {
    const id = i + 1;
    const tag = id === 5 || id === 30 ? ',{"idTag":"TAG-7"}' : ',{}';
    return aLoggedFrame({ id, chargerId: id <= 38 ? 'CP001' : 'CP002', action: 'Heartbeat', messageId: `m${id}`, raw: `[2,"m${id}","Heartbeat"${tag}]` }, 1000);
  });
}

/** A bench answering the log from `frames` while `up()`, else failing as a bench that is not reachable. */
function aBench(frames: MessageView[], up: () => boolean): FakeClient {
  const unreachable = () => new CallFailure({ status: 0, message: 'The bench is not reachable' });
  const page = pageOf(frames);
  const count = countOf(frames);
  return fakeClient({
    'messages:page': (a) => {
      if (!up()) throw unreachable();
      return page(a);
    },
    'messages:count': (a) => {
      if (!up()) throw unreachable();
      return count(a);
    },
  });
}

/** The link as the app sees it: the client's watch and the bench store (the top bar's, the banner's). */
function link(client: FakeClient, state: LinkState) {
  act(() => {
    useBench.setState({ link: state, linkSince: state === 'open' ? null : new Date().toISOString() });
    client.setLink(state);
  });
}

const status = () => screen.getAllByRole('status')[0].textContent;
const row = (index: number) => document.getElementById(`log-row-${index}`);

describe('the message log after the link to the bench was lost', () => {
  it('never shows the previous filter’s rows as a search’s result, and reads the search when the link reopens', async () => {
    let up = true;
    const client = aBench(aLog(), () => up);
    render(withBench(client, <MessageLog />, '/log?charger=CP001'));
    await screen.findByText('38 frames');
    await waitFor(() => expect(within(row(0)!).getByText('m38')).toBeTruthy());

    // The bench stops; a search is typed.
    up = false;
    link(client, 'closed');
    fireEvent.change(screen.getByLabelText('Search frames'), { target: { value: 'TAG-7' } });
    expect(await screen.findByText(/The log could not be read: The bench is not reachable/, {}, { timeout: SEARCH_DEBOUNCE_MS + 2000 })).toBeTruthy();
    // Neither the 38 rows of CP001 nor their count are the search's result.
    expect(status()).toBe('Not read');
    expect(screen.queryByText(/38 frames/)).toBeNull();
    expect(row(0)).toBeNull();
    expect(screen.queryByText('No frames match these filters')).toBeNull();
    expect(screen.getByText('The frames of these filters are not read yet')).toBeTruthy();

    // The bench is back: the search is read by itself, nothing pressed.
    up = true;
    link(client, 'open');
    expect(await screen.findByText('2 frames')).toBeTruthy();
    expect(screen.queryByText(/The log could not be read/)).toBeNull();
    await waitFor(() => expect(within(row(0)!).getByText('m30')).toBeTruthy());
    expect(within(row(1)!).getByText('m5')).toBeTruthy();
    expect(row(2)).toBeNull();
  });

  it('following live, shows the frames logged while the link was lost once it reopens; meanwhile the rows are as last read', async () => {
    const frames = aLog().slice(0, 10);
    const client = aBench(frames, () => true);
    render(withBench(client, <MessageLog />, '/log'));
    await screen.findByText('10 frames');
    expect((screen.getByLabelText('Follow live') as HTMLInputElement).checked).toBe(true);

    link(client, 'closed');
    expect(status()).toMatch(/^10 frames, as last read at \d\d:\d\d:\d\d.* \(the link to the bench is lost\)$/);
    // The chargers boot again on the bench restarted: logged, but no event came for them.
    for (let id = 11; id <= 13; id++) frames.push(aLoggedFrame({ id, chargerId: 'CP001', action: 'BootNotification', messageId: `b${id}` }, 1000));

    link(client, 'connecting');
    link(client, 'open');
    expect(await screen.findByText('13 frames')).toBeTruthy();
    await waitFor(() => expect(within(row(0)!).getByText('b13')).toBeTruthy());
    expect(within(row(2)!).getByText('b11')).toBeTruthy();
    expect(within(row(3)!).getByText('m10')).toBeTruthy();
  });

  it('not following, offers the frames logged while the link was lost as new frames, and shows them when asked', async () => {
    const frames = aLog().slice(0, 10);
    const client = aBench(frames, () => true);
    render(withBench(client, <MessageLog />, '/log'));
    await screen.findByText('10 frames');
    fireEvent.click(screen.getByLabelText('Follow live'));

    link(client, 'closed');
    for (let id = 11; id <= 13; id++) frames.push(aLoggedFrame({ id, chargerId: 'CP001', action: 'BootNotification', messageId: `b${id}` }, 1000));
    link(client, 'open');
    const show = await screen.findByRole('button', { name: '3 new frames — show' });
    // The view stays where it was until asked.
    expect(status()).toBe('10 frames');
    expect(within(row(0)!).getByText('m10')).toBeTruthy();
    fireEvent.click(show);
    expect(await screen.findByText('13 frames')).toBeTruthy();
    await waitFor(() => expect(within(row(0)!).getByText('b13')).toBeTruthy());
  });
});
