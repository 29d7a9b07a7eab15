// The search text marked where it occurs, as the log's search matches it (ASCII letters case folded).
import type { ReactNode } from 'react';

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** `text` with each occurrence of `search` in a <mark>. */
export function highlight(text: string, search: string | undefined): ReactNode {
  if (!search) return text;
  const hay = asciiLower(text);
  const needle = asciiLower(search);
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
