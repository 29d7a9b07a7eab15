// The message log's one filter rule (the live log applies it to arriving frames; the store's SQL must
// agree): each field narrows, and they combine with AND.
import { describe, expect, it } from 'vitest';
import { isFlagged, matchesFilter, type MessageFilter } from '../../../../src/shared/api/message-filter';
import type { MessageView } from '../../../../src/shared/api/views';
import { aMessage } from '../../../helpers/frames';

type Frame = Omit<MessageView, 'id'>;
const matches = (f: MessageFilter, over: Partial<Frame> = {}) => matchesFilter(aMessage(over), f);

describe('matchesFilter', () => {
  it('lets every frame through an empty filter', () => {
    expect(matches({})).toBe(true);
    expect(matches({}, { kind: 'INVALID', action: null, error: 'not JSON' })).toBe(true);
  });

  it('narrows by charger, by any of the actions (a frame without one never matches), by direction and by kind', () => {
    expect(matches({ chargerId: 'CP-1' })).toBe(true);
    expect(matches({ chargerId: 'CP-2' })).toBe(false);
    expect(matches({ actions: ['Authorize', 'Heartbeat'] })).toBe(true);
    expect(matches({ actions: ['Authorize'] })).toBe(false);
    expect(matches({ actions: ['Heartbeat'] }, { action: null })).toBe(false);
    expect(matches({ actions: [] })).toBe(true);
    expect(matches({ direction: 'out' })).toBe(false);
    expect(matches({ kinds: ['CALLRESULT'] }, { kind: 'CALLRESULT' })).toBe(true);
    expect(matches({ kinds: ['CALLRESULT'] })).toBe(false);
  });

  it('combines the fields with AND', () => {
    expect(matches({ chargerId: 'CP-1', direction: 'in', actions: ['Heartbeat'] })).toBe(true);
    expect(matches({ chargerId: 'CP-1', direction: 'out', actions: ['Heartbeat'] })).toBe(false);
  });

  it('takes errors only: CALLERRORs, invalid frames and frames the bench flagged, also when the kinds are only the error kinds', () => {
    expect(matches({ errorsOnly: true })).toBe(false);
    expect(matches({ errorsOnly: true }, { error: 'payload breaks the schema' })).toBe(true);
    expect(matches({ errorsOnly: true }, { kind: 'CALLERROR' })).toBe(true);
    expect(matches({ kinds: ['CALLERROR', 'INVALID'] }, { kind: 'INVALID' })).toBe(true);
    expect(isFlagged({ kind: 'CALLRESULT', error: null })).toBe(false);
  });

  it('keeps the time range inclusive at both ends, with bounds in any offset', () => {
    expect(matches({ from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T10:00:00.000Z' })).toBe(true);
    // 11:00 at +01:00 is 10:00 UTC.
    expect(matches({ from: '2026-03-01T11:00:00+01:00' })).toBe(true);
    expect(matches({ from: '2026-03-01T11:00:01+01:00' })).toBe(false);
    expect(matches({ to: '2026-03-01T09:59:59.999Z' })).toBe(false);
  });

  it('searches the raw frame folding case, letters beyond ASCII too (one character to one)', () => {
    expect(matches({ search: 'HEARTBEAT' })).toBe(true);
    expect(matches({ search: '"m1"' })).toBe(true);
    expect(matches({ search: 'Authorize' })).toBe(false);
    expect(matches({ search: 'STRASSE' }, { raw: '[2,"m1","DataTransfer",{"data":"straße"}]' })).toBe(false);
    expect(matches({ search: 'ÄRGER' }, { raw: '[2,"m1","DataTransfer",{"data":"ärger"}]' })).toBe(true);
    expect(matches({ search: 'ÄRGER' }, { raw: '[2,"m1","DataTransfer",{"data":"ÄRGER"}]' })).toBe(true);
  });
});
