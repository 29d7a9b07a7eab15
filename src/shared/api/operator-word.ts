// A step that passed on someone's word, not verified from frames: an operator step (by 'operator') passes
// when the person at the charger answers Done (they did it, or saw it), or, in a run on a built-in virtual
// charger, when its hands have done it. The bench checks the frames that follow in steps of their own; the
// operator step's own Passed is a person's (or the virtual hands') say-so, and every face says so beside it
// (the HTML and PDF reports, the JUnit's <system-out>, the run's page) rather than a bare Passed.
import type { CaseResult, StepResult } from './test-runs';

/** Whether the step passed on the operator's word (or the virtual charger's hands), not on frames the bench checked. */
export const passedOnWord = (s: Pick<StepResult, 'by' | 'status'>): boolean => s.by === 'operator' && s.status === 'passed';

/** On whose word such a step passed: "on the operator's word", or, in a virtual run, "done by the virtual charger's hands". */
export const onWordWords = (virtual: boolean): string => (virtual ? "done by the virtual charger's hands" : "on the operator's word");

/** A step's Passed with on whose word, when it passed on one ("Passed (on the operator's word)"); `passed` as given otherwise. */
export const passedWords = (s: Pick<StepResult, 'by' | 'status'>, virtual: boolean, passed: string): string => (passedOnWord(s) ? `${passed} (${onWordWords(virtual)})` : passed);

/** The case's steps that passed on the operator's word (or the virtual charger's hands). */
export const stepsOnWord = (c: Pick<CaseResult, 'steps'>): StepResult[] => c.steps.filter(passedOnWord);
