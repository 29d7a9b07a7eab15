// @vitest-environment jsdom
// The checks step shows what a step noted for the installer with its result (the charger offline during
// the test session), open by itself even on a pass; the protocol's own observations stay out of it.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeClient } from './fake-client';
import { open, result, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const outage = 'The charger was offline for 42 s during the session (14:02:10 to 14:02:52); meter values from that time may be missing.';

const withNotedSession = () =>
  view({
    steps: [
      { id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', result: result({}), attempts: 1 },
      {
        id: 'C8_SESSION',
        title: 'Test session',
        section: '8',
        attempts: 1,
        result: result({
          id: 'C8_SESSION',
          title: 'Test session',
          section: '8',
          verdict: 'pass',
          observations: [
            { at: '2025-01-01T10:01:00.000Z', text: 'MeterValues outside the script', messageId: 'mv-1' },
            { at: '2025-01-01T10:02:10.000Z', text: outage, messageId: null, note: true },
          ],
        }),
      },
    ],
  });

describe('a step that noted something', () => {
  it('shows the note with the passed step, open by itself and counted in its heading; not the protocol observations', async () => {
    const client = fakeClient({ 'commissioning:get': () => withNotedSession() });
    open(client, '/commissioning/c1?step=checks');
    const session = await screen.findByRole('listitem', { name: 'Test session' });
    expect(within(session).getByText('Pass')).toBeTruthy();
    expect(within(session).getByText('1 note')).toBeTruthy();
    const note = within(session).getByRole('alert', { name: 'Note on Test session' });
    expect(note.textContent).toBe(`Note: ${outage}`);
    // Open by itself although it passed: the installer should read it.
    expect(within(session).getAllByRole('button', { expanded: true })).toHaveLength(1);
    expect(within(session).queryByText(/outside the script/)).toBeNull();
    // A step with nothing noted says nothing of the kind.
    const identity = screen.getByRole('listitem', { name: 'Identity and clock' });
    expect(within(identity).queryByText(/note/i)).toBeNull();
    expect(within(identity).queryAllByRole('button', { expanded: true })).toHaveLength(0);
  });
});
