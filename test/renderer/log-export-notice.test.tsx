// @vitest-environment jsdom
// What an export of the message log says ("The log downloads as CSV to …") is shown above the list, never
// over its rows, and goes when the view of the log changes (another filter): it spoke of the last one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, routed, stubResizeObserver, withBench } from './fake-client';
import { aLoggedFrame, countOf, logRowsLaidOut, pageOf } from './log-fixtures';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { LogScreen } from '../../src/renderer/src/features/log/LogScreen';

stubResizeObserver();
logRowsLaidOut();
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: { id: 'CP001' } as never } }, true));
afterEach(cleanup);

const frames = Array.from({ length: 30 }, (_, i) => aLoggedFrame({ id: i + 1, messageId: `m${i + 1}`, action: 'Heartbeat', error: i % 10 ? null : 'Schema violation' }, 1000));

describe("the log's export notice", () => {
  it('shows above the rows, and goes when another filter is picked', async () => {
    const user = userEvent.setup();
    render(withBench(fakeClient({ 'messages:count': countOf(frames), 'messages:page': pageOf(frames) }), routed({ '/log': <LogScreen /> }), '/log'));
    await screen.findByText('30 frames');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export as CSV' }));
    const notice = await screen.findByText(/The log downloads as CSV to test\.json/);
    // Above the list, in the page's flow: not laid over the rows.
    expect(notice.compareDocumentPosition(screen.getByRole('grid')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(screen.getByLabelText('Errors only'));
    await screen.findByText('3 frames');
    await waitFor(() => expect(screen.queryByText(/The log downloads as CSV/)).toBeNull());
  });
});
