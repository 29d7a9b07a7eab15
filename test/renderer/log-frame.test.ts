// The message log shows a recorded frame nested thousands deep (an older record may hold one whole) as
// its text: its preview and detail do not overflow the stack and break the screen.
import { describe, expect, it } from 'vitest';
import { payloadPreview, prettyFrame } from '../../src/renderer/src/features/log/frame';

const deepRaw = `[3,"x",{"status":${'['.repeat(20_000)}${']'.repeat(20_000)}}]`;

describe('a deeply nested frame in the log', () => {
  it('previews and pretty-prints as its text', () => {
    expect(payloadPreview({ kind: 'CALLRESULT', raw: deepRaw })).toBe(`${deepRaw.slice(0, 240)}…`);
    expect(prettyFrame(deepRaw)).toBe(deepRaw);
    expect(prettyFrame('[3,"x",{}]')).toBe('[\n  3,\n  "x",\n  {}\n]');
  });
});
