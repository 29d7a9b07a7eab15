// @vitest-environment jsdom
// On the run's page, an operator step's Passed (the person pressed Done: they did it, or saw it) does not
// read like a Passed the bench checked from frames: the case's steps say "Passed (on the operator's word)",
// and the case list marks a case with such steps, saying how many; on a built-in virtual charger its hands
// did the step: "Passed (done by the virtual charger's hands)", and the list marks nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { CaseDetail } from '../../src/renderer/src/features/test-runs/CaseDetail';
import { CaseList } from '../../src/renderer/src/features/test-runs/RunParts';
import { aCaseResult } from './builders';
import { aStepResult } from '../helpers/run-results';

afterEach(() => cleanup());

const result = aCaseResult({
  id: 'TC_003_CS',
  title: 'Regular Charging Session - Plugin First',
  steps: [
    aStepResult({ n: 1, by: 'operator', title: 'Plug the EV cable into connector 1.' }),
    aStepResult({ n: 2, by: 'charger', title: 'Charger sends StatusNotification (status Preparing)', ms: 120 }),
  ],
});
const other = aCaseResult({ id: 'TC_001_CS', steps: [aStepResult({ n: 1, by: 'charger', title: 'Charger sends BootNotification' })] });

describe('a case’s steps', () => {
  it('say an operator step passed on the operator’s word, and a step checked from frames plain Passed', () => {
    render(<CaseDetail result={result} />);
    expect(within(screen.getByRole('row', { name: /Plug the EV cable/ })).getByText("Passed (on the operator's word)")).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /StatusNotification/ })).getByText('Passed')).toBeTruthy();
  });

  it('on a virtual charger, say its hands did it', () => {
    render(<CaseDetail result={result} virtual />);
    expect(within(screen.getByRole('row', { name: /Plug the EV cable/ })).getByText("Passed (done by the virtual charger's hands)")).toBeTruthy();
    expect(screen.queryByText(/operator's word/)).toBeNull();
  });
});

describe('the case list', () => {
  const rows = [
    { id: 'TC_003_CS', result, state: 'pass' as const },
    { id: 'TC_001_CS', result: other, state: 'pass' as const },
  ];
  it('marks a case with steps passed on the operator’s word, saying how many', () => {
    render(<CaseList rows={rows} selected={null} onSelect={() => undefined} titles={{}} frozen={null} />);
    expect(screen.getByRole('button', { name: "TC_003_CS: pass, 1 step passed on the operator's word" })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'TC_001_CS: pass' })).toBeTruthy();
  });

  it('marks none on a virtual charger (nobody’s word was taken)', () => {
    render(<CaseList rows={rows} selected={null} onSelect={() => undefined} titles={{}} frozen={null} virtual />);
    expect(screen.getByRole('button', { name: 'TC_003_CS: pass' })).toBeTruthy();
    expect(screen.queryByTitle(/operator's word/)).toBeNull();
  });
});
