// @vitest-environment jsdom
// A frame the log's search found has its match marked, however the search was typed: with plain quotes or
// backslashes that the frame's JSON holds escaped, in any case, beyond ASCII too; in the row (its payload
// shown from just before the match) and in the open frame, raw and formatted, also where a match spans the
// formatting's spaces. A frame that is not JSON opens as sent, never as "formatted".
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { at, pageOf } from './log-fixtures';
import { highlight } from '../../src/renderer/src/features/log/Highlight';
import { payloadPreview } from '../../src/renderer/src/features/log/frame';
import { FrameDetail } from '../../src/renderer/src/features/log/FrameDetail';
import { matchesFilter } from '../../src/shared/api/message-filter';
import type { MessageView } from '../../src/shared/api/views';

afterEach(cleanup);

const marks = (el: Element) => [...el.querySelectorAll('mark')].map((m) => m.textContent);
const marksOf = (text: string, search: string) => marks(render(<p>{highlight(text, search)}</p>).container);

const frame = (id: number, raw: string, more: Partial<MessageView> = {}): MessageView => ({
  id,
  ts: at(id),
  chargerId: 'CP-1',
  direction: 'out',
  kind: 'CALLRESULT',
  messageId: `m${id}`,
  action: null,
  raw,
  error: null,
  ...more,
});
const zoe = frame(1, JSON.stringify([3, 'm1', { idTagInfo: { status: 'Accepted' }, idTag: 'Zoë"Müller' }]));
const quoted = frame(2, JSON.stringify([3, 'm2', { status: 'Accepted', data: 'hello "quoted" world' }]));
const path = frame(3, JSON.stringify([3, 'm3', { status: 'Accepted', data: 'C:\\logs\\Boot' }]));

describe('marking what the search found', () => {
  it('marks the match of a search typed with plain quotes, in another case, beyond ASCII', () => {
    // The search finds these frames...
    expect(matchesFilter(zoe, { search: 'zoë"müller' })).toBe(true);
    expect(matchesFilter(quoted, { search: '"quoted"' })).toBe(true);
    expect(matchesFilter(path, { search: 'c:\\LOGS\\boot' })).toBe(true);
    // ...and marks what it found in them.
    expect(marksOf(zoe.raw, 'zoë"müller')).toEqual(['Zoë\\"Müller']);
    expect(marksOf(quoted.raw, '"quoted"')).toEqual(['\\"quoted\\"']);
    expect(marksOf(path.raw, 'c:\\LOGS\\boot')).toEqual(['C:\\\\logs\\\\Boot']);
    // As typed or escaped as the frame holds it, as before.
    expect(marksOf(zoe.raw, 'Zoë\\"Müller')).toEqual(['Zoë\\"Müller']);
    expect(marksOf(zoe.raw, 'MÜLLER')).toEqual(['Müller']);
  });

  it('shows a long payload from just before a match the search found escaped', () => {
    const raw = JSON.stringify([3, 'm9', { data: `${'x'.repeat(300)} hello "quoted" world` }]);
    const shown = payloadPreview({ kind: 'CALLRESULT', raw }, 60, '"QUOTED"');
    expect(shown).toMatch(/^…x+ hello \\"quoted\\" world/);
    expect(marks(render(<p>{highlight(shown, '"QUOTED"')}</p>).container)).toEqual(['\\"quoted\\"']);
  });
});

function open(m: MessageView, search?: string) {
  render(withBench(fakeClient({ 'messages:page': pageOf([m]) }), <FrameDetail m={m} search={search} onClose={() => {}} />));
  return screen.getByRole('complementary', { name: 'Frame details' });
}

describe('marking it in the open frame', () => {
  it('marks it formatted and raw, however it was typed', async () => {
    const d = open(zoe, 'zoë"müller');
    expect(marks(within(d).getByLabelText('The frame as JSON'))).toEqual(['Zoë\\"Müller']);
    await userEvent.click(within(d).getByRole('button', { name: 'Raw' }));
    expect(marks(within(d).getByLabelText('The frame as sent'))).toEqual(['Zoë\\"Müller']);
    cleanup();
    const q = open(quoted, '"quoted"');
    expect(marks(within(q).getByLabelText('The frame as JSON'))).toEqual(['\\"quoted\\"']);
  });

  it('marks a match that runs over several tokens, also where the formatting puts a space in it', async () => {
    // The frame as sent holds `"idTag":"Zoë`; formatted, it reads `"idTag": "Zoë`.
    const d = open(zoe, '"IDTAG":"zoë');
    const pretty = within(d).getByLabelText('The frame as JSON');
    expect(pretty.querySelectorAll('mark').length).toBeGreaterThan(1);
    expect(marks(pretty).join('')).toBe('"idTag": "Zoë');
    await userEvent.click(within(d).getByRole('button', { name: 'Raw' }));
    expect(marks(within(d).getByLabelText('The frame as sent')).join('')).toBe('"idTag":"Zoë');
  });
});

describe('a frame that is not JSON', () => {
  const truncated = frame(4, '[3,"d6e3f0a1",{"status":', { kind: 'INVALID', messageId: null, direction: 'in', error: 'FormationViolation: Frame is not valid JSON' });

  it('opens as sent, says it cannot be formatted, and offers no formatted copy', () => {
    const d = open(truncated);
    expect(within(d).getByLabelText('The frame as sent').textContent).toBe(truncated.raw);
    expect(within(d).queryByLabelText('The frame as JSON')).toBeNull();
    expect(within(d).getByText('Shown exactly as sent: this frame is not valid JSON, so it cannot be formatted.')).toBeTruthy();
    expect(within(d).queryByRole('button', { name: 'Copy formatted' })).toBeNull();
    expect((within(d).getByRole('button', { name: 'Formatted' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(d).getByRole('button', { name: 'Raw' }).getAttribute('aria-pressed')).toBe('true');
  });
});
