// An operation whose answer broke OCPP-J or the action's schema says the CALL's message id, and the
// message log finds the answer under it with the query the operations panel asks (AnswerFrameLink.tsx):
// the charger's flagged frames naming the id.
import { describe, expect, it } from 'vitest';
import { rawCharger, useTestBench, waitFor } from '../helpers/bench';
import type { MessageView } from '../../src/shared/api/views';

const tb = useTestBench();

describe('a malformed answer to an operation', () => {
  it('comes back with the message id its frame is logged under', async () => {
    const c = await rawCharger(tb.wsUrl('MAL'));
    c.send([2, 'boot', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }]);
    await c.reply('boot');
    const callId = async (nth: number) => (await waitFor(() => c.received.filter((f) => f[0] === 2 && f[2] === 'ClearCache')[nth - 1] ?? null))[1] as string;

    // Not JSON at all, then valid JSON that breaks the ClearCache answer's schema.
    const sent = [`[3,"%",{"status":`, `[3,"%",{"status":"Bogus"}]`];
    for (const [i, text] of sent.entries()) {
      const op = tb.request('POST', '/api/chargers/MAL/operations/ClearCache', {});
      const id = await callId(i + 1);
      c.send(text.replace('%', id));
      const r = await op;
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ outcome: 'invalidResponse', messageId: id });

      const found = await tb.request('POST', '/api/call/messages:page', { chargerId: 'MAL', direction: 'in', errorsOnly: true, search: JSON.stringify(id), limit: 20 });
      expect(found.status).toBe(200);
      const rows = found.body as MessageView[];
      expect(rows.map((m) => [m.messageId, m.raw])).toEqual([[id, text.replace('%', id)]]);
    }
    c.close();
  });
});
