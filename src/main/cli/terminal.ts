// Text from chargers printed on a terminal: an identity or a frame may hold control characters (a line
// break forges a log line, an ANSI escape clears the screen), so those are shown escaped, never raw.

/** `text` with control, format and line-separator characters written as \u{…} escapes. */
export function printable(text: string): string {
  return text.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
