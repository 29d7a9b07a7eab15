// @vitest-environment jsdom
// A copied link to a frame (/log?frame=41) opens the frame beside the list and brings the list to it: its
// row in view and marked as the open one, found where the link's filters place it, Follow live off while
// it is looked at (and saying why). A frame the filters do not hold leaves the list where it is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, routed, stubResizeObserver, withBench, type FakeClient } from './fake-client';
import { aLoggedFrame, countOf, logRowsLaidOut, pageOf } from './log-fixtures';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { LogScreen } from '../../src/renderer/src/features/log/LogScreen';
import { ROW_HEIGHT } from '../../src/renderer/src/features/log/VirtualLog';
import type { MessageView } from '../../src/shared/api/views';

stubResizeObserver();
logRowsLaidOut();
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { 'CP-1': { id: 'CP-1' } as never, 'CP-2': { id: 'CP-2' } as never } }, true));
afterEach(cleanup);

/** 100 frames, ids 1..100: odd ones CP-1's, even ones CP-2's, each with its message id m<id>. */
const aLog = (): MessageView[] => Array.from({ length: 100 }, (_, i) => aLoggedFrame({ id: i + 1, chargerId: (i + 1) % 2 ? 'CP-1' : 'CP-2', messageId: `m${i + 1}`, action: 'Heartbeat' }, 1000));

const aBench = (frames = aLog()): FakeClient => fakeClient({ 'messages:count': countOf(frames), 'messages:page': pageOf(frames), 'operations:list': () => [], 'connectionAttempts:list': () => [] });

const rows = () => screen.getByTestId('log-rows');
const follow = () => screen.getByLabelText(/^Follow live/) as HTMLInputElement;

/** The row the list marks as selected, which the scroll area shows whole (20 rows of 32 px are in view). */
async function markedRowInView(index: number) {
  await waitFor(() => expect(document.getElementById(`log-row-${index}`)?.getAttribute('aria-selected')).toBe('true'));
  const top = rows().scrollTop;
  expect(index * ROW_HEIGHT).toBeGreaterThanOrEqual(top);
  expect((index + 1) * ROW_HEIGHT).toBeLessThanOrEqual(top + 640);
  return document.getElementById(`log-row-${index}`)!;
}

describe('a link to a frame', () => {
  it('brings the list to the frame, marks it, and turns Follow live off saying why', async () => {
    render(withBench(aBench(), routed({ '/log': <LogScreen /> }), '/log?frame=41'));
    const d = await screen.findByRole('complementary', { name: 'Frame details' });
    expect(within(d).getByText('#41')).toBeTruthy();
    // Newest first: frame 41 is the 60th row (index 59), far below the first 20 in view.
    const row = await markedRowInView(59);
    expect(row.textContent).toContain('m41');
    expect(follow().checked).toBe(false);
    expect(screen.getByText('Follow live (off to keep frame #41 in view)')).toBeTruthy();
  });

  it("finds the frame where the link's filters place it, and leaves the list as it is for a frame they do not hold", async () => {
    // Frame 42 is CP-2's: a link filtered to CP-1 opens it, says the list does not show it, and the list stays at its newest, following live.
    render(withBench(aBench(), routed({ '/log': <LogScreen /> }), '/log?charger=CP-1&frame=42'));
    const d = await screen.findByRole('complementary', { name: 'Frame details' });
    expect(within(d).getByText(/Not in the current filter/)).toBeTruthy();
    await waitFor(() => expect(document.getElementById('log-row-0')?.textContent).toContain('m99'));
    expect(rows().scrollTop).toBe(0);
    expect(follow().checked).toBe(true);
    expect(screen.getByText('Follow live')).toBeTruthy();
    cleanup();

    render(withBench(aBench(), routed({ '/log': <LogScreen /> }), '/log?charger=CP-2&frame=42'));
    await screen.findByText('50 frames');
    // CP-2's frames are the even ones: 29 of them (44..100) are newer than 42.
    const row = await markedRowInView(29);
    expect(row.textContent).toContain('m42');
    expect(follow().checked).toBe(false);
  });
});
