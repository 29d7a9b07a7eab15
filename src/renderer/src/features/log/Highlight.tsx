// The search text marked where it occurs, as the log's search matches it (letters case folded: search-fold.ts).
import type { ReactNode } from 'react';
import { foldText } from '../../../../shared/api/search-fold';

/** `text` with each occurrence of `search` in a <mark>. */
export function highlight(text: string, search: string | undefined): ReactNode {
  if (!search) return text;
  // Folded to the same length, so where it is found in the folded text is where it is in the text.
  const hay = foldText(text);
  const needle = foldText(search);
  const out: ReactNode[] = [];
  let from = 0;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, from)) {
    if (at > from) out.push(text.slice(from, at));
    out.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (!out.length) return text;
  if (from < text.length) out.push(text.slice(from));
  return out;
}
