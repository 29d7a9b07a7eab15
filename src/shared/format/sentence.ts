// Words that end a sentence: a full stop added only when the words do not already end one (a step's title
// quoted at its end may end with ".", "!" or "?", or "…"), so no face writes "button).." after it.

/** `words` as a sentence: a full stop after them unless they already end with ".", "!", "?" or "…" (a closing quote or bracket after it counts too). */
export function endSentence(words: string): string {
  const trimmed = words.trimEnd();
  return /[.!?…]["'”’)\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
