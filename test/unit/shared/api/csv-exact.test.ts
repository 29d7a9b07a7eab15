// The CSV export keeps what was recorded: a frame's text (raw) and message id exactly as in the JSON
// export, a plain number (-1) never taken for a formula; and whatever a charger gave that a spreadsheet
// would run as a formula (its id, an action, a malformed frame's text, a message id) is defused with an
// apostrophe, the frame's text and message id included (the JSON export is the byte-exact one).
import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../../../src/shared/api/message-export';
import type { MessageRecord } from '../../../../src/shared/records';
import { aMessage } from '../../../helpers/frames';

const frame = (over: Partial<MessageRecord>): MessageRecord => aMessage({ ts: '2026-12-04T09:00:00.000Z', ...over });

/** A CSV row's fields (RFC 4180), quotes undone. */
function fields(row: string): string[] {
  const out: string[] = [];
  const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/gy;
  for (let m = re.exec(row); m && m.index < row.length; m = re.exec(row)) out.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
  return out;
}

describe('a CSV export row', () => {
  it('holds the frame text and message id exactly as recorded, as the JSON export does', () => {
    const answer = csvRow(frame({ direction: 'out', kind: 'CALLERROR', messageId: '-1', action: null, raw: '[4,"-1","FormationViolation","not JSON",{}]' }));
    expect(fields(answer)[5]).toBe('-1');
    expect(fields(answer)[8]).toBe('[4,"-1","FormationViolation","not JSON",{}]');
    expect(fields(csvRow(frame({ messageId: 'a1b2-c3', raw: '[2,"a1b2-c3","DataTransfer",{"vendorId":"=x","data":"a,b"}]' })))).toEqual([
      '7',
      '2026-12-04T09:00:00.000Z',
      'CP-1',
      'in',
      'CALL',
      'a1b2-c3',
      'Heartbeat',
      '',
      '[2,"a1b2-c3","DataTransfer",{"vendorId":"=x","data":"a,b"}]',
    ]);
  });

  it('defuses whatever a charger gave that a spreadsheet would run as a formula: its id, an action, a malformed frame, a message id', () => {
    expect(fields(csvRow(frame({ chargerId: '=cmd|x' })))[2]).toBe("'=cmd|x");
    expect(fields(csvRow(frame({ action: '@SUM(A1)' })))[6]).toBe("'@SUM(A1)");
    const raw = '=HYPERLINK("http://evil","click")';
    expect(fields(csvRow(frame({ kind: 'INVALID', messageId: null, action: null, raw, error: 'FormationViolation: not JSON' })))[8]).toBe(`'${raw}`);
    expect(fields(csvRow(frame({ messageId: "=cmd|' /C calc'!A0" })))[5]).toBe("'=cmd|' /C calc'!A0");
    expect(fields(csvRow(frame({ messageId: '+cmd|x' })))[5]).toBe("'+cmd|x");
  });

  it('never takes a plain number for a formula', () => {
    for (const n of ['-1', '+3.5', '-.5', '-1e-3', '-0']) expect(csvField(n)).toBe(n);
    expect(csvField('-1+cmd')).toBe("'-1+cmd");
    expect(csvField('=1')).toBe("'=1");
  });
});
