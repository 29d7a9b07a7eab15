// @vitest-environment jsdom
// The log's search hint is one short line under the narrow search box; the detail (escaped forms, case
// folded for every letter) is in the tooltip of its info button, and a screen reader still reads it in full.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench, initialBenchState } from '../../src/renderer/src/stores/bench';
import { emptyFields, LogFilters } from '../../src/renderer/src/features/log/LogFilters';

afterEach(cleanup);

const full = 'Finds the text escaped in the JSON too (\\" or \\u00e9); letters in any case, Ü or ü alike';

describe('the search hint of the message log', () => {
  it('shows a short line, and the detail in the tooltip of its info button', async () => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true);
    render(<LogFilters fields={emptyFields} onChange={() => undefined} fixedCharger={false} />);
    const user = userEvent.setup();
    expect(screen.getByText('Escaped forms too; any case')).toBeTruthy();
    const info = screen.getByRole('button', { name: 'What a search finds' });
    await user.hover(info);
    expect((await screen.findByRole('tooltip')).textContent).toBe(full);
    // Read out in full with the box.
    const box = screen.getByLabelText('Search frames');
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toContain(full);
  });
});
