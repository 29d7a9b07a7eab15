// The search marked where it matches, by the rule the log's search finds frames with (searchMatch.ts: the
// text as typed or as the frame's JSON escapes it, letters in any case, beyond ASCII too).
import type { ReactNode } from 'react';
import { searchMatches, type Match } from './searchMatch';

/** `text` with each match of `search` in a <mark>. */
export function highlight(text: string, search: string | undefined): ReactNode {
  if (!search) return text;
  return marked(text, searchMatches(text, search));
}

/**
 * `text` with the stretches `matches` gives in a <mark>: `matches` in order, given in a longer text in which
 * `text` starts at `offset` (a token of a frame: a match may run over several tokens, each marking its part).
 */
export function marked(text: string, matches: readonly Match[], offset = 0): ReactNode {
  const out: ReactNode[] = [];
  let from = 0;
  for (const [start, end] of matches) {
    const a = Math.max(start - offset, from);
    const b = Math.min(end - offset, text.length);
    if (b <= a) continue;
    if (a > from) out.push(text.slice(from, a));
    out.push(<mark key={a}>{text.slice(a, b)}</mark>);
    from = b;
  }
  if (!out.length) return text;
  if (from < text.length) out.push(text.slice(from));
  return out;
}
