// The desktop window's client over the preload bridge: replies as main gives them.
import { describe, expect, it } from 'vitest';
import { ipcClient } from '../../src/renderer/src/api/ipc-client';
import type { CallReply } from '../../src/shared/api/contract';

function clientAnswering(reply: CallReply<unknown>) {
  return ipcClient({ invoke: () => Promise.resolve(reply), onEvents: () => () => {} });
}

describe('ipc client', () => {
  it('reads a page main sends as JSON bytes as the rows themselves, and plain values as they are', async () => {
    const rows = [
      { id: 2, raw: '[3,"é",{}]' },
      { id: 1, raw: '[2,"é","Heartbeat",{}]' },
    ];
    const asJson = clientAnswering({ ok: true, json: new TextEncoder().encode(JSON.stringify(rows)) });
    expect(await asJson.call('messages:page', {})).toEqual(rows);
    asJson.close();
    const asValue = clientAnswering({ ok: true, value: rows });
    expect(await asValue.call('messages:page', {})).toEqual(rows);
    asValue.close();
  });

  it('throws what main refused, with its status and field', async () => {
    const refused = clientAnswering({ ok: false, error: { status: 400, message: 'limit: too small', field: 'limit' } });
    await expect(refused.call('messages:page', { limit: 0 })).rejects.toMatchObject({ status: 400, field: 'limit' });
    refused.close();
  });

  it('reads everything again (the link opens anew) when main says it dropped events this window did not take', () => {
    let missed: ((n: number) => void) | undefined;
    let push: ((events: never[]) => void) | undefined;
    const client = ipcClient({ invoke: () => Promise.resolve({ ok: true, value: null }), onEvents: (l, onMissed) => ((push = l as never), (missed = onMissed), () => {}) });
    const seen: string[] = [];
    client.onLink((s) => seen.push(s));
    client.subscribe((events) => seen.push(...events.map((e) => e.type)));
    // Events taken just before the gap reach the screens before they read everything again, not after.
    push!([{ type: 'transactionStarted' }] as never[]);
    missed!(48_000);
    expect(seen).toEqual(['open', 'transactionStarted', 'connecting', 'open']);
    client.close();
  });
});
