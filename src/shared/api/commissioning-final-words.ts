// A signed commissioning's record is final (its Run buttons are off: "Handed over: the record is final"), so
// what it says is open, and why a step ended as it did, no longer tells the reader to run a step again.

/** Advice to run a step again, in the forms the steps' words give it (main/commissioning: words.ts, shutdown.ts, prompts.ts, model.ts). */
const runAgain: Array<[RegExp, string]> = [
  [/(?<=\.)\s*Run again repeats (?:it|the step)\./g, ''], // "…. Run again repeats it."
  [/\s*[:;,]?\s*Run again repeats (?:it|the step)\./g, '.'], // "…, so the step did not finish: Run again repeats it."
  [/(?<=\.)\s*Then Run again\./g, ''], // "… firmware. Then Run again."
  [/\s*[,;]?\s*then Run again\./g, '.'], // "… is online, then Run again."
  [/; run it again$/, ''], // the open item's own "…; run it again"
];

/** `text` without its advice to run the step again (the rest of what it says is kept). */
export function withoutRunAgain(text: string): string {
  return runAgain.reduce((t, [re, by]) => t.replace(re, by), text);
}

/** `text` as a commissioning says it: once handed over (signed), without the advice to run a step again. */
export const asFinal = (signed: boolean, text: string): string => (signed ? withoutRunAgain(text) : text);
