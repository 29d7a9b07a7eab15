// The message a TriggerMessage asked for: it must come promptly after the TriggerMessage.conf (declared
// policy: the document gives no time), after the TriggerMessage itself, and be told apart from the same
// message sent on the charger's own schedule. A Heartbeat that came only at about when the periodic one was
// due, or a MeterValues at a clock-aligned time that does not say it was triggered, may be that periodic
// message: it proves nothing, and the step is Inconclusive, never passed.
import { problems, type CaseContext, type Checks } from '../context';
import type { ChargerCall } from '../frames';
import { Inconclusive, StepFailure } from '../types';
import type { ChargePointAction } from '../../../shared/ocpp16';

/** How long after the TriggerMessage.conf the triggered message may come (s); TC_055_CS watches as long for one that must not. */
export const TRIGGER_S = 10;
/** How near the time a periodic message was due a triggered one is taken for it (s; at most a quarter of the period). */
export const NEAR_S = 2;

/** A TriggerMessage the charger answered: its CALL's place among the frames and when the answer came (run's clock, ms). */
export interface Triggered {
  status: unknown;
  seq: number;
  confAt: number;
  /** When the bench last had a Heartbeat from the charger before the TriggerMessage (ms), or null. */
  heartbeatBefore: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Sends TriggerMessage for `requestedMessage` expecting one of `statuses`; returns where it stands among the frames. */
export async function trigger(t: CaseContext, requestedMessage: string, connectorId?: number, statuses: string[] = ['Accepted']): Promise<Triggered> {
  const { frames } = t.host;
  const before = frames.lastSeq;
  const heartbeat = t.lastHeartbeat();
  const answer = await t.send('TriggerMessage', { requestedMessage, ...(connectorId === undefined ? {} : { connectorId }) } as never, {
    checks: { status: statuses.length === 1 ? statuses[0] : statuses },
  });
  const sent = frames.since(before).find((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'TriggerMessage');
  const conf = sent && frames.frames.find((f) => f.seq > sent.seq && f.direction === 'in' && f.kind !== 'CALL' && f.messageId === sent.messageId);
  return { status: answer.status, seq: sent?.seq ?? before, confAt: conf ? Date.parse(conf.ts) : t.clock.now(), heartbeatBefore: heartbeat ? Date.parse(heartbeat) : null };
}

/**
 * Why `call` may be the charger's own periodic message rather than the triggered one (the words for the
 * report), or null when it is told apart.
 */
function periodic(t: CaseContext, call: ChargerCall, sent: Triggered): string | null {
  const at = Date.parse(call.ts);
  const near = (due: number, periodS: number) => Math.abs(at - due) <= Math.min(NEAR_S, periodS / 4) * 1000;
  if (call.action === 'Heartbeat') {
    const earlier = t.host.frames.frames.filter((f) => f.seq < call.seq && f.direction === 'in' && f.kind === 'CALL' && f.action === 'Heartbeat').map((f) => Date.parse(f.ts));
    const last = earlier.at(-1) ?? sent.heartbeatBefore;
    const key = Number(t.pics.config.HeartbeatInterval);
    // Without the key, the charger's own rhythm as seen: the time between its last two Heartbeats.
    const interval = key > 0 ? key : earlier.length >= 2 ? (earlier.at(-1)! - earlier.at(-2)!) / 1000 : 0;
    if (!(interval > 0)) return null;
    const named = key > 0 ? `HeartbeatInterval ${interval} s` : `its Heartbeats ${interval} s apart`;
    if (last !== null) {
      const due = last + interval * 1000;
      if (near(due, interval)) return `it came at ${call.ts}, when the periodic Heartbeat was due (${named}, the last one at ${iso(last)})`;
    }
    // A charger counting the interval from its last message: the TriggerMessage.conf.
    if (near(sent.confAt + interval * 1000, interval))
      return `it came at ${call.ts}, ${interval} s after the TriggerMessage.conf (${named}), when a charger counting from its last message sends its periodic one`;
    return null;
  }
  if (call.action === 'MeterValues') {
    const aligned = Number(t.pics.config.ClockAlignedDataInterval);
    const says = JSON.stringify(call.payload).includes('"context":"Trigger"');
    if (!(aligned > 0) || says) return null;
    // The aligned times count from midnight (UTC).
    const midnight = at - (at % 86_400_000);
    const due = midnight + Math.round((at - midnight) / (aligned * 1000)) * aligned * 1000;
    if (near(due, aligned)) return `it came at ${call.ts}, a clock-aligned time (ClockAlignedDataInterval ${aligned} s), and none of its values has the context Trigger`;
  }
  return null;
}

/**
 * Expects the message `sent` asked for within TRIGGER_S s of its answer (`where`: which one; `checks`: what
 * must hold of it). One sent before the TriggerMessage, or one that may be the periodic one, is an
 * observation; when only such came, the step is Inconclusive.
 */
export async function expectTriggered(t: CaseContext, action: ChargePointAction, sent: Triggered, where: Record<string, unknown> = {}, checks?: Checks): Promise<ChargerCall> {
  const which = Object.entries(where)
    .map(([k, v]) => ` ${k} ${String(v)}`)
    .join(',');
  const label = `${action}${which ? ` (${which.trim()})` : ''}`;
  const expected = `the triggered ${label} within ${TRIGGER_S} s of the TriggerMessage.conf, not one the charger sends on its own schedule`;
  return t.step('charger', { title: `Charger sends the triggered ${label} within ${TRIGGER_S} s`, expected }, async (ids) => {
    const { frames } = t.host;
    const lookalikes: string[] = [];
    const pick = (): ChargerCall | null => {
      for (let k = 0; k < frames.pending.length; k++) {
        const call = frames.pending[k]!;
        if (call.action !== action || problems(call.payload, where).length) continue;
        frames.pending.splice(k--, 1);
        if (call.seq < sent.seq) {
          t.observe(`${label} sent before the TriggerMessage: not the triggered one`, call.messageId);
          continue;
        }
        const why = periodic(t, call, sent);
        if (!why) return call;
        ids.push(call.messageId);
        lookalikes.push(why);
        t.observe(`${label} taken for the periodic one, not the triggered one: ${why}`, call.messageId);
      }
      return null;
    };
    const call = await t.waitFor(Math.max(0, sent.confAt + TRIGGER_S * 1000 - t.clock.now()), pick);
    if (!call) {
      if (lookalikes.length)
        throw new Inconclusive(
          `No ${label} came within ${TRIGGER_S} s of the TriggerMessage.conf (at ${iso(sent.confAt)}) that can be told apart from the one the charger sends on its own schedule: ${lookalikes.join('; ')}`,
        );
      throw new StepFailure(expected, `nothing came within ${TRIGGER_S} s${frames.connected ? '' : ' (the charger is not connected)'}`);
    }
    ids.push(call.messageId);
    if (call.invalid) throw new StepFailure(`${action} valid under the OCPP 1.6 schema`, `it broke it: ${call.invalid}`);
    const wrong = problems(call.payload, checks);
    if (wrong.length) throw new StepFailure(`${action} with ${wrong.map((w) => w.replace(/ \(got .*\)$/, '')).join(', ')}`, `it had ${wrong.map((w) => /\(got (.*)\)$/.exec(w)?.[1] ?? w).join(', ')}`);
    // The step includes the bench's answer to it.
    await t.waitFor(10_000, () => frames.frames.some((f) => f.direction === 'out' && f.kind !== 'CALL' && f.messageId === call.messageId) || null);
    return call;
  });
}
