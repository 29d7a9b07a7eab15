// TC_054_CS against a charger that answers TriggerMessage (Heartbeat) Accepted but never sends the triggered
// Heartbeat, while it sends its periodic ones: the periodic Heartbeat is not taken for the triggered one,
// so the case is not passed. The virtual charger is made to behave so: the Heartbeat its TriggerMessage
// handling sends is dropped; its periodic ones (HeartbeatInterval) still go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import type { VirtualChargePoint } from '../../../src/main/virtual-cp/charge-point';

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
let vcp: VirtualChargePoint;
const data = defaultTestData();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-trigger-periodic-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench);
  vcp = bench.virtualChargers.charger(target.id);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const runTC054 = async () =>
  (
    await runConformance(bench, {
      chargerId: target.id,
      cases: octt16Cases.filter((c) => c.id === 'TC_054_CS'),
      data,
      declared: target.declared,
      operator: target.operator,
      busy: target.busy,
      virtual: true,
    })
  ).cases[0]!;

/** The charger's periodic Heartbeat every `seconds` for the test (the key put back after it). */
function heartbeatEvery(seconds: number): () => void {
  return keySet('HeartbeatInterval', seconds);
}

/** A configuration key of the charger set for the test (put back after it). */
function keySet(key: string, value: number): () => void {
  const before = vcp.config.string(key) ?? '0';
  vcp.config.setInternal(key, String(value));
  return () => vcp.config.setInternal(key, before);
}

/** The charger answers TriggerMessage as usual but sends no triggered `action` (the other triggered messages go). */
function noTriggered(action: 'Heartbeat' | 'MeterValues' | 'StatusNotification'): () => void {
  const { afterAnswer, call } = vcp;
  let triggering = false;
  vcp.afterAnswer = (messageId, fn) =>
    afterAnswer.call(vcp, messageId, () => {
      triggering = true;
      try {
        fn();
      } finally {
        triggering = false;
      }
    });
  vcp.call = ((a: string, payload: never) => (triggering && a === action ? new Promise(() => {}) : call.call(vcp, a as never, payload))) as typeof vcp.call;
  return () => {
    vcp.afterAnswer = afterAnswer;
    vcp.call = call;
  };
}

const HEARTBEAT_STEP = /^Charger sends the triggered Heartbeat within 10 s$/;

describe('TC_054_CS: the triggered Heartbeat is told apart from the periodic one', () => {
  it('a charger that sends only its periodic Heartbeat (every 5 s) is Inconclusive, naming the periodic one (not passed)', async () => {
    const undo = [heartbeatEvery(5), noTriggered('Heartbeat')];
    try {
      const c = await runTC054();
      expect(c.verdict).toBe('inconclusive');
      const step = c.steps.find((s) => s.n === c.decidingStep);
      expect(step?.title).toMatch(HEARTBEAT_STEP);
      expect(c.reason).toMatch(
        /^No Heartbeat came within 10 s of the TriggerMessage\.conf \(at \S+\) that can be told apart from the one the charger sends on its own schedule: it came at \S+, (when the periodic Heartbeat was due \(HeartbeatInterval 5 s, the last one at \S+\)|5 s after the TriggerMessage\.conf \(HeartbeatInterval 5 s\), when a charger counting from its last message sends its periodic one)/,
      );
      // The periodic Heartbeat is the step's evidence, and an observation says why it was not taken.
      const periodic = c.frames.filter((f) => f.direction === 'in' && f.action === 'Heartbeat' && step!.messageIds.includes(f.messageId ?? ''));
      expect(periodic.length).toBeGreaterThan(0);
      expect(c.observations.some((o) => /^Heartbeat taken for the periodic one, not the triggered one/.test(o.text))).toBe(true);
    } finally {
      for (const u of undo.reverse()) u();
    }
  }, 60_000);

  it('with a slower periodic Heartbeat (every 25 s) it is not passed either: Inconclusive, or Fail when none came within 10 s', async () => {
    const undo = [heartbeatEvery(25), noTriggered('Heartbeat')];
    try {
      const c = await runTC054();
      expect(c.verdict).not.toBe('pass');
      expect(c.steps.find((s) => s.n === c.decidingStep)?.title).toMatch(HEARTBEAT_STEP);
      if (c.verdict === 'fail') expect(c.reason).toMatch(/nothing came within 10 s/);
      else
        expect([c.verdict, c.reason]).toEqual([
          'inconclusive',
          expect.stringMatching(/^No Heartbeat came within 10 s of the TriggerMessage\.conf \(at \S+\) that can be told apart from the one the charger sends on its own schedule: /),
        ]);
    } finally {
      for (const u of undo.reverse()) u();
    }
  }, 60_000);

  it('a charger that sends the triggered Heartbeat passes, its periodic one every 5 s notwithstanding', async () => {
    const undo = heartbeatEvery(5);
    try {
      const c = await runTC054();
      expect([c.verdict, c.reason]).toEqual(['pass', null]);
    } finally {
      undo();
    }
  }, 60_000);
});

describe('TC_054_CS: the triggered MeterValues and StatusNotification', () => {
  it('a charger that sends no triggered MeterValues, only its clock-aligned ones (every 5 s), is Inconclusive (not passed)', async () => {
    const undo = [keySet('ClockAlignedDataInterval', 5), noTriggered('MeterValues')];
    try {
      const c = await runTC054();
      expect(c.verdict).toBe('inconclusive');
      expect(c.steps.find((s) => s.n === c.decidingStep)?.title).toBe('Charger sends the triggered MeterValues (connectorId 1) within 10 s');
      expect(c.reason).toMatch(
        /^No MeterValues \(connectorId 1\) came within 10 s of the TriggerMessage\.conf \(at \S+\) that can be told apart from the one the charger sends on its own schedule: it came at \S+, a clock-aligned time \(ClockAlignedDataInterval 5 s\), and none of its values has the context Trigger/,
      );
    } finally {
      for (const u of undo.reverse()) u();
    }
  }, 60_000);

  it('a charger whose StatusNotification comes only 12 s after the TriggerMessage.conf fails at that step (not passed)', async () => {
    const undo = noTriggered('StatusNotification');
    // 12 s (the run's clock) after it answers the TriggerMessage for StatusNotification, the charger sends it.
    const off = bench.bus.subscribe((e) => {
      if (e.type === 'frameLogged' && e.message.chargerId === target.id && e.message.direction === 'out' && e.message.action === 'TriggerMessage' && e.message.raw.includes('"StatusNotification"'))
        vcp.clock.after(12_000, () => vcp.status.triggered(data.connectorId));
    });
    try {
      const c = await runTC054();
      expect(c.verdict).toBe('fail');
      const step = c.steps.find((s) => s.n === c.decidingStep);
      expect(step?.title).toBe('Charger sends the triggered StatusNotification (connectorId 1) within 10 s');
      expect(step?.actual).toBe('nothing came within 10 s');
    } finally {
      off();
      undo();
    }
  }, 60_000);

  it('with clock-aligned MeterValues every 5 s, a charger that sends the triggered one passes', async () => {
    const undo = keySet('ClockAlignedDataInterval', 5);
    try {
      const c = await runTC054();
      expect([c.verdict, c.reason]).toEqual(['pass', null]);
    } finally {
      undo();
    }
  }, 60_000);
});
