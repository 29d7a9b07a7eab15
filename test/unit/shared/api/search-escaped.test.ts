// A search finds a frame whose JSON holds the text escaped (a quote as \", é as \u00e9) as well as one
// holding it as typed; case is folded for letters beyond ASCII too, in the live rule as in the store's.
import { describe, expect, it } from 'vitest';
import { matchesFilter, searchForms } from '../../../../src/shared/api/message-filter';
import type { MessageView } from '../../../../src/shared/api/views';

type Frame = Omit<MessageView, 'id'>;
const frame = (raw: string): Frame => ({ ts: '2026-03-01T10:00:00.000Z', chargerId: 'CP-1', direction: 'in', kind: 'CALL', messageId: 'm1', action: 'Authorize', raw, error: null });
const finds = (search: string, raw: string) => matchesFilter(frame(raw), { search });

describe('a search of the message log', () => {
  it('finds text the charger escaped in its JSON: quotes and backslashes', () => {
    const raw = JSON.stringify([2, 'm1', 'Authorize', { idTag: 'Zoë"Ω-tag' }]);
    expect(raw).toContain('Zoë\\"Ω-tag');
    expect(finds('Zoë"Ω-tag', raw)).toBe(true);
    expect(finds('"quotes"', JSON.stringify([2, 'm1', 'DataTransfer', { data: 'with "quotes" in it' }]))).toBe(true);
    expect(finds('C:\\dir', JSON.stringify([2, 'm1', 'DataTransfer', { data: 'C:\\dir' }]))).toBe(true);
  });

  it('finds non-ASCII text the charger wrote as \\uXXXX, in lower or upper hex', () => {
    expect(finds('café', '[2,"m1","DataTransfer",{"data":"caf\\u00e9"}]')).toBe(true);
    expect(finds('café', '[2,"m1","DataTransfer",{"data":"caf\\u00E9"}]')).toBe(true);
    expect(finds('Zoë"Ω-tag', '[2,"m1","Authorize",{"idTag":"Zo\\u00eb\\"\\u03a9-tag"}]')).toBe(true);
    // As typed, too, and an escape typed out finds itself.
    expect(finds('café', '[2,"m1","DataTransfer",{"data":"café"}]')).toBe(true);
    expect(finds('caf\\u00e9', '[2,"m1","DataTransfer",{"data":"caf\\u00e9"}]')).toBe(true);
  });

  it('still finds only what is there', () => {
    expect(finds('café', '[2,"m1","DataTransfer",{"data":"cafe"}]')).toBe(false);
    expect(finds('"quotes"', '[2,"m1","DataTransfer",{"data":"no quotes here"}]')).toBe(false);
  });

  it('folds case beyond ASCII too: ÜNÏCODE finds ünïcode', () => {
    const raw = '[2,"m1","DataTransfer",{"data":"ünïcode"}]';
    expect(finds('üNïCODE', raw)).toBe(true);
    expect(finds('ÜNÏCODE', raw)).toBe(true);
  });

  it('looks for the text and its escaped forms, each once', () => {
    expect(searchForms('plain')).toEqual(['plain']);
    expect(searchForms('a"b')).toEqual(['a"b', 'a\\"b']);
    expect(searchForms('café')).toEqual(['café', 'caf\\u00e9']);
    expect(searchForms('Zoë"Ω')).toEqual(['Zoë"Ω', 'Zoë\\"Ω', 'Zo\\u00eb\\"\\u03a9']);
  });
});
