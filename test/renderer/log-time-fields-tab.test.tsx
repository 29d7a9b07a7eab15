// @vitest-environment jsdom
// The message log's From and To fields are one Tab stop each. Chromium stops at every part of a
// datetime-local field on Tab (month, day, year, hour, minute, second, AM/PM): some fourteen Tabs to get
// past the two. The field takes Tab itself and moves on to the next control; the arrow keys, which move
// between the parts, are left to the field.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench, initialBenchState } from '../../src/renderer/src/stores/bench';
import { emptyFields, LogFilters } from '../../src/renderer/src/features/log/LogFilters';

afterEach(cleanup);
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true));

const show = () => render(<LogFilters fields={{ ...emptyFields, from: '2026-03-01T09:00:10' }} onChange={() => undefined} fixedCharger={false} />);

describe('Tab over the time fields of the message log', () => {
  it('goes from From to To, then to Errors only, in one step each, not through the parts of the fields', () => {
    show();
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    from.focus();
    // false: the field took the key, so the browser does not walk on to the field's next part.
    expect(fireEvent.keyDown(from, { key: 'Tab' })).toBe(false);
    expect(document.activeElement).toBe(to);
    expect(fireEvent.keyDown(to, { key: 'Tab' })).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('switch', { name: 'Errors only' }));
  });

  it('goes back with Shift+Tab: To to From, From to Kind', () => {
    show();
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    to.focus();
    expect(fireEvent.keyDown(to, { key: 'Tab', shiftKey: true })).toBe(false);
    expect(document.activeElement).toBe(from);
    expect(fireEvent.keyDown(from, { key: 'Tab', shiftKey: true })).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Kind' }));
  });

  it('leaves the arrow keys to the field (they move between its parts), and a Tab moves focus once', async () => {
    show();
    const from = screen.getByLabelText('From');
    from.focus();
    expect(fireEvent.keyDown(from, { key: 'ArrowRight' })).toBe(true);
    expect(document.activeElement).toBe(from);
    // A whole Tab keystroke lands on To, not one further.
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('To'));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(from);
  });
});
