// What the virtual-charger screen shares: running a bench call with a plain-words outcome, the physical
// actions by the shared vocabulary, keeping the store current from the view each call answers with, and
// the words for connection states.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChipProps } from '@mui/material/Chip';
import { CallFailure } from '../../api/client';
import { useBench } from '../../stores/bench';
import { useClient } from '../../api/context';
import { formatWhen } from '../../components/format';
import { benchNow } from '../../components/benchClock';
import { faultRows, physicalActions, type PhysicalAction, type VirtualCardOutcomeView, type VirtualChargerView, type VirtualConnectorView } from '../../../../shared/api/virtual-chargers';

export interface Feedback {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
  /** A failure: which action, when (bench clock, ms), and whether the bench could not be reached then (the outcome unknown). */
  failed?: { action: string; at: number; unreachable: boolean };
  /**
   * A card that started a session: the connector's kept outcome of that presentation (its `presentedAt`),
   * which the panel shows instead, following the central system's later answer to one said unconfirmed.
   */
  follows?: { connectorId: number; presentedAt: string };
  /** A second line: a kept card outcome's when and which card. */
  detail?: string;
}

/** The bench's refusal in words a person can act on; a 409 means "not now", not "broken". */
export function explainFailure(e: unknown): Feedback {
  if (e instanceof CallFailure) {
    if (e.status === 409) return { severity: 'warning', text: `Not possible right now: ${e.message}` };
    if (e.status === 0 || e.status >= 500) return { severity: 'error', text: `The bench could not do it: ${e.message}` };
    return { severity: 'error', text: e.message };
  }
  return { severity: 'error', text: e instanceof Error ? e.message : String(e) };
}

/** The name of what a runner's `key` sends, for its outcome: "Power cycle", "Stop", "Offline (fault switch)". */
export function callLabel(key: string): string {
  if (key in physicalActions) return physicalActions[key as PhysicalAction].label;
  const own: Record<string, string> = { start: 'Start', stop: 'Stop', delete: 'Delete', actions: 'The protocol fault change', unlockOutcomes: 'Random unlock outcomes (fault switch)' };
  if (own[key]) return own[key];
  const row = faultRows.find(([, r]) => r.control.kind === 'switch' && (r.control.on === key || r.control.settings?.some((x) => x.field === key)));
  return row ? `${row[1].label} (fault switch)` : 'The change';
}

/** A failure said with what failed and when: "Power cycle failed at 10:02:03: The bench could not do it: …". */
export function failureOf(key: string, e: unknown, linkDown: boolean, at = benchNow()): Feedback {
  const explained = explainFailure(e);
  const action = callLabel(key);
  const unreachable = linkDown || (e instanceof CallFailure && e.status === 0);
  return { severity: explained.severity, text: `${action} failed at ${formatWhen(at)}: ${explained.text}`, failed: { action, at, unreachable } };
}

/**
 * A failure shown once the link to the bench is back: one from while the bench could not be reached is no
 * longer the news (what it did is not known: the card shows the charger as it is now); others stay as said.
 */
export function afterLinkBack(feedback: Feedback | null): Feedback | null {
  if (!feedback?.failed?.unreachable) return feedback;
  const { action, at } = feedback.failed;
  return {
    severity: 'info',
    text: `${action} failed at ${formatWhen(at)} while the bench could not be reached; the link is back now: what it did, if anything, shows on the card. Try again if it is still needed.`,
    failed: { ...feedback.failed, unreachable: false },
  };
}

/** Puts the view a call answered with into the store at once; the pushed event follows later. */
export function rememberView(view: VirtualChargerView): void {
  useBench.setState((s) => ({ virtualChargers: { ...s.virtualChargers, [view.id]: view } }));
}

export function forgetView(id: string): void {
  useBench.setState((s) => {
    const virtualChargers = { ...s.virtualChargers };
    delete virtualChargers[id];
    return { virtualChargers };
  });
}

/**
 * Runs one call at a time for a part of the screen: which one is under way (buttons show it), and the
 * last outcome worth showing. `run` resolves with the value, or undefined when it failed.
 */
export function useRunner() {
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  // The link back: a failure from while the bench could not be reached is not left as if current.
  const linkOpen = useBench((s) => s.link === 'open');
  useEffect(() => {
    if (linkOpen) setFeedback(afterLinkBack);
  }, [linkOpen]);
  const run = useCallback(async <T>(key: string, call: () => Promise<T>, success?: (value: T) => Feedback | null): Promise<T | undefined> => {
    setBusy(key);
    setFeedback(null);
    try {
      const value = await call();
      if (mounted.current) setFeedback(success?.(value) ?? null);
      return value;
    } catch (e) {
      if (mounted.current) setFeedback(failureOf(key, e, useBench.getState().link !== 'open'));
      return undefined;
    } finally {
      if (mounted.current) setBusy(null);
    }
  }, []);
  const clear = useCallback(() => setFeedback(null), []);
  return { busy, feedback, run, clear };
}

/**
 * A runner for one part of the screen that also performs physical actions on a charger: `act` sends the
 * action (named and checked by the shared vocabulary) and shows its outcome where it has one.
 */
export function usePhysicalActions(chargerId: string) {
  const client = useClient();
  const runner = useRunner();
  const { run } = runner;
  const act = (action: PhysicalAction, body: Record<string, unknown> = {}) =>
    run(
      action,
      async () => {
        const r = await client.call('virtualChargers:act', { id: chargerId, action, body });
        rememberView(r.charger);
        return r;
      },
      (r): Feedback | null => {
        // Presenting a card has an outcome worth reading (accepted, refused, plug in within …).
        // A session started but not confirmed by the central system (offline, no answer yet) is not a success yet.
        const result = r.result as { accepted?: boolean; confirmed?: boolean; message?: string } | undefined;
        if (!result?.message) return null;
        const feedback: Feedback = { severity: result.accepted && result.confirmed !== false ? 'success' : 'warning', text: result.message };
        // A card that started a session (its outcome says whether the central system confirmed it): the
        // connector keeps its outcome, which the panel shows from then on, as it does after a reload.
        const kept = action === 'present-id-tag' && result.confirmed !== undefined ? r.charger.connectors.find((c) => c.connectorId === body.connectorId)?.cardOutcome : null;
        return kept ? { ...feedback, follows: { connectorId: Number(body.connectorId), presentedAt: kept.presentedAt } } : feedback;
      },
    );
  return { ...runner, act };
}

/**
 * A connector's kept card outcome in words: a later answer to a card said unconfirmed with when it came,
 * else the outcome as first said, with which card and when it was presented.
 */
export function keptFeedback(kept: VirtualCardOutcomeView, connectorId: number): Feedback {
  const severity = kept.accepted && kept.confirmed ? 'success' : 'warning';
  const follows = { connectorId, presentedAt: kept.presentedAt };
  if (!kept.revised) return { severity, text: kept.message, detail: `Card ${kept.idTag} presented at ${formatWhen(kept.presentedAt)}`, follows };
  const when = formatWhen(kept.at);
  return {
    severity,
    text: kept.confirmed ? `${kept.message}. Answered at ${when} (unconfirmed when the card was presented at ${formatWhen(kept.presentedAt)}).` : `${kept.message} (as of ${when})`,
    follows,
  };
}

/**
 * What a panel shows of an action's outcome: a card that started a session as the connector's kept outcome
 * of that presentation says it now (a later answer of the central system, with when it came), else as
 * answered. With nothing answered on this panel (a page just loaded, or after other actions that have no
 * outcome to tell), the connector's kept outcome unless the user is done with it (`done`: its presentedAt).
 */
export function shownFeedback(feedback: Feedback | null, connector: VirtualConnectorView, done: string | null = null): Feedback | null {
  const kept = connector.cardOutcome;
  if (feedback) {
    if (!feedback.follows || feedback.follows.connectorId !== connector.connectorId || kept?.presentedAt !== feedback.follows.presentedAt) return feedback;
    return keptFeedback(kept, connector.connectorId);
  }
  return kept && kept.presentedAt !== done ? keptFeedback(kept, connector.connectorId) : null;
}

/** The words of a physical action: its button's label and what it does. */
export function actionWords(action: PhysicalAction): { label: string; explanation: string } {
  return physicalActions[action];
}

export const connectionWords: Record<VirtualChargerView['connection'], { label: string; color: ChipProps['color'] }> = {
  stopped: { label: 'Stopped', color: 'default' },
  connecting: { label: 'Connecting…', color: 'info' },
  connected: { label: 'Connected', color: 'success' },
  disconnected: { label: 'Disconnected, retrying', color: 'warning' },
  rebooting: { label: 'Rebooting', color: 'info' },
};

/** The first free id of the form VCP001, VCP002, … among virtual and real chargers. */
export function suggestId(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `VCP${String(n).padStart(3, '0')}`;
    if (!used.has(id)) return id;
  }
}
