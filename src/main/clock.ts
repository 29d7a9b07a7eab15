// The bench's wall clock as ISO 8601 text; the string is made once per millisecond, as every frame
// logged needs one.
let lastMs = -1;
let lastIso = '';

export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
