// @vitest-environment jsdom
// The log's search box says what a search finds: the text escaped in the frame's JSON too, and case
// folded for every letter (ÜNÏCODE finds ünïcode, as the store does).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { useBench, initialBenchState } from '../../src/renderer/src/stores/bench';
import { emptyFields, LogFilters } from '../../src/renderer/src/features/log/LogFilters';

afterEach(cleanup);

describe('the search box of the message log', () => {
  it('says it finds escaped text and folds the case of every letter', () => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true);
    render(<LogFilters fields={emptyFields} onChange={() => undefined} fixedCharger={false} />);
    const box = screen.getByLabelText('Search frames');
    const hint = document.getElementById(box.getAttribute('aria-describedby')!)!.textContent;
    expect(hint).toContain('escaped in the JSON');
    expect(hint).toContain('\\u00e9');
    expect(hint).toContain('letters in any case, Ü or ü alike');
  });
});
