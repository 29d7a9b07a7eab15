// The message log shows a recorded frame nested thousands deep (an older record may hold one whole) as
// its text: its preview and detail do not overflow the stack and break the screen. The preview is the
// payload as the charger wrote it, from a little before the search's first match when that lies deep; the
// detail knows when formatting would change what a frame says. A narrow list keeps the charger.
import { describe, expect, it } from 'vitest';
import { payloadPreview, prettyFrame, prettyRewrites } from '../../src/renderer/src/features/log/frame';
import { columnsFor } from '../../src/renderer/src/features/log/VirtualLog';
import type { MessageView } from '../../src/shared/api/views';

const deepRaw = `[3,"x",{"status":${'['.repeat(20_000)}${']'.repeat(20_000)}}]`;
const row = (raw: string, over: Partial<MessageView> = {}): MessageView => ({
  id: 1,
  ts: '2026-03-01T08:00:00.000Z',
  chargerId: 'CP-1',
  direction: 'in',
  kind: 'CALL',
  messageId: 'a',
  action: 'DataTransfer',
  raw,
  error: null,
  ...over,
});

describe('a deeply nested frame in the log', () => {
  it('previews and pretty-prints as its text', () => {
    expect(payloadPreview({ kind: 'CALLRESULT', raw: deepRaw })).toBe(`${deepRaw.slice(0, 240)}…`);
    expect(prettyFrame(deepRaw)).toBe(deepRaw);
    expect(prettyFrame('[3,"x",{}]')).toBe('[\n  3,\n  "x",\n  {}\n]');
  });
});

describe("a row's payload", () => {
  it('is the text the charger sent, not the payload written again', () => {
    expect(payloadPreview(row('[2, "a", "StatusNotification", {"connectorId": 1.0, "status": "A", "status": "B"}]'))).toBe('{"connectorId": 1.0, "status": "A", "status": "B"}');
    // A flagged frame is read the slow way, as before.
    expect(payloadPreview(row('[2,"a","X",{"n":1.0}]', { error: 'NotImplemented: x' }))).toBe('{"n":1}');
  });

  it('starts a little before the first match of the search when the match lies past its start', () => {
    const raw = JSON.stringify([2, 'a', 'DataTransfer', { vendorId: 'V', data: `${'x'.repeat(300)}Needle${'y'.repeat(300)}` }]);
    expect(payloadPreview(row(raw), 240)).not.toContain('Needle');
    const shown = payloadPreview(row(raw), 240, 'needle');
    expect(shown).toMatch(/^…x{12}Needle/);
    expect(shown.endsWith('…')).toBe(true);
    // A match near the start: the payload from its start.
    expect(payloadPreview(row(raw), 240, 'vendorId')).toMatch(/^\{"vendorId"/);
  });
});

describe('formatting a frame', () => {
  it('is known to change what the frame says: a number written another way, a key given twice, an escape', () => {
    expect(prettyRewrites('[2,"a","StatusNotification",{"connectorId":1.0}]')).toBe(true);
    expect(prettyRewrites('[2,"a","X",{"k":1,"k":2}]')).toBe(true);
    expect(prettyRewrites('[2,"a","X",{"k":"\\u00e9"}]')).toBe(true);
    // Spacing alone is not a change; nor is a frame that is not JSON (it is shown as its text).
    expect(prettyRewrites(' [ 2 , "a b" , "X" , { "k" : [ 1 , 2 ] } ] ')).toBe(false);
    expect(prettyRewrites('[2,"a"')).toBe(false);
    expect(prettyRewrites(deepRaw)).toBe(false);
  });
});

describe("the log's columns", () => {
  it('keep time, charger, direction, kind and action beside an open frame at 1366 and 1024 px', () => {
    // The list's rows at 1366 px (navigation drawer open, detail 420 px) and 1024 px (drawer folded, detail 360 px).
    expect(columnsFor(651, true)).toEqual({ charger: true, messageId: false, payload: false, fullTime: true });
    expect(columnsFor(525, true)).toEqual({ charger: true, messageId: false, payload: false, fullTime: false });
    // Without the detail, the payload and the message id too.
    expect(columnsFor(897, true)).toEqual({ charger: true, messageId: true, payload: true, fullTime: true });
    // A charger's own log has no charger column to keep.
    expect(columnsFor(525, false).charger).toBe(false);
  });
});
