// @vitest-environment jsdom
// The frame detail's title says what a frame is: only a frame that could not be read is an "Unreadable
// frame"; the bench's CALLERROR answering one says it answers an unreadable frame and points to it (the
// frame just before it from the same charger), and an answer whose request is not found says so.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { at, pageOf } from './log-fixtures';
import { FrameDetail } from '../../src/renderer/src/features/log/FrameDetail';
import type { MessageView } from '../../src/shared/api/views';

afterEach(cleanup);

function show(frames: MessageView[], m: MessageView, onOpenFrame = vi.fn()) {
  const client = fakeClient({ 'messages:page': pageOf(frames) });
  render(withBench(client, <FrameDetail m={m} onClose={() => {}} onOpenFrame={onOpenFrame} />));
  return { d: screen.getByRole('complementary', { name: 'Frame details' }), onOpenFrame };
}

const title = (d: HTMLElement) => within(d).getByRole('heading', { level: 2 });

const unreadable: MessageView = {
  id: 7,
  ts: at(0),
  chargerId: 'CP-1',
  direction: 'in',
  kind: 'INVALID',
  messageId: null,
  action: null,
  raw: '[2,"abc","Heartbeat",',
  error: 'FormationViolation: Frame is not valid JSON: Unexpected end of JSON input',
};
const benchAnswer: MessageView = {
  id: 8,
  ts: at(1),
  chargerId: 'CP-1',
  direction: 'out',
  kind: 'CALLERROR',
  messageId: '-1',
  action: null,
  raw: JSON.stringify([4, '-1', 'FormationViolation', 'Frame is not valid JSON: Unexpected end of JSON input', {}]),
  error: null,
};

describe("the bench's CALLERROR answering an unreadable frame", () => {
  it('is titled as the answer to an unreadable frame, not as an unreadable frame', async () => {
    const { d } = show([unreadable, benchAnswer], benchAnswer);
    await within(d).findByText(/It answers the unreadable frame just before it/);
    expect(title(d).textContent).toBe('CALLERROR · answer to an unreadable frame');
    expect(title(d).textContent).not.toMatch(/Unreadable frame/);
  });

  it('points to the unreadable frame just before it and opens it', async () => {
    const { d, onOpenFrame } = show([unreadable, benchAnswer], benchAnswer);
    expect((await within(d).findByText(/It answers the unreadable frame just before it/)).textContent).toBe('It answers the unreadable frame just before it: log entry #7, 1 ms earlier.');
    expect(within(d).getByLabelText('The unreadable frame as sent').textContent).toBe(unreadable.raw);
    expect(within(d).queryByText(/No request with this message id/)).toBeNull();
    await userEvent.click(within(d).getByRole('button', { name: 'Open log entry #7' }));
    expect(onOpenFrame).toHaveBeenCalledWith(unreadable);
  });

  it('answering a frame read as CALL but broken, under its id, points to it', async () => {
    const broken: MessageView = { ...unreadable, kind: 'CALL', messageId: 'abc', raw: '[2,"abc"]', error: 'FormationViolation: CALL must have 4 elements [2, UniqueId, Action, Payload], got 2' };
    const answer: MessageView = { ...benchAnswer, messageId: 'abc', raw: JSON.stringify([4, 'abc', 'FormationViolation', 'CALL must have 4 elements', {}]) };
    const { d } = show([broken, answer], answer);
    await within(d).findByLabelText('The request as JSON');
    expect(title(d).textContent).toBe('CALLERROR · answer to an unreadable frame');
  });

  it('under -1 with no unreadable frame just before it says so, still as the answer to an unreadable frame', async () => {
    const other: MessageView = { ...unreadable, kind: 'CALL', messageId: 'hb1', action: 'Heartbeat', raw: '[2,"hb1","Heartbeat",{}]', error: null };
    const { d } = show([other, benchAnswer], benchAnswer);
    await within(d).findByText(/No unreadable frame from this charger is recorded just before it/);
    expect(title(d).textContent).toBe('CALLERROR · answer to an unreadable frame');
    expect(within(d).queryByRole('button', { name: /Open log entry/ })).toBeNull();
  });
});

describe('the title of other frames', () => {
  it('an answer whose request is not found: no request with this id', async () => {
    const stray: MessageView = {
      id: 3,
      ts: at(0),
      chargerId: 'CP-1',
      direction: 'in',
      kind: 'CALLERROR',
      messageId: 'zz',
      action: null,
      raw: '[4,"zz","GenericError","",{}]',
      error: 'No outstanding CALL has message id "zz"; ignored',
    };
    const { d } = show([stray], stray);
    await within(d).findByText('No request with this message id in the minute before.');
    expect(title(d).textContent).toBe('CALLERROR (no request with this id)');
  });

  it('a late answer whose request is found: the answer to it', async () => {
    const call: MessageView = { id: 1, ts: at(0), chargerId: 'CP-1', direction: 'out', kind: 'CALL', messageId: 'g1', action: 'GetConfiguration', raw: '[2,"g1","GetConfiguration",{}]', error: null };
    const late: MessageView = {
      id: 2,
      ts: at(40_000),
      chargerId: 'CP-1',
      direction: 'in',
      kind: 'CALLRESULT',
      messageId: 'g1',
      action: null,
      raw: '[3,"g1",{}]',
      error: 'No outstanding CALL has message id "g1"; ignored',
    };
    const { d } = show([call, late], late);
    await within(d).findByLabelText('The request as JSON');
    expect(title(d).textContent).toBe('CALLRESULT · answer to GetConfiguration');
  });

  it('a frame that could not be read stays an unreadable frame', () => {
    const { d } = show([unreadable], unreadable);
    expect(title(d).textContent).toBe('Unreadable frame · INVALID');
  });
});
