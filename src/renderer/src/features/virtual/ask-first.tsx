// Asking first on a virtual charger's card while a test run or a commissioning runs on it: an action that
// disturbs the charger (drop its connection, unplug, switch a fault on) would make the case or the check in
// progress fail, so it is asked first, naming the run and its case or step. While what runs there is not read
// yet it is asked too (nothing can be confirmed until it is read); with nothing running it is sent at once.
import { createContext, useContext, useState } from 'react';
import { SessionsConfirmDialog } from './SessionsConfirm';
import { useRunningOn, type RunningOn } from './interrupts';

export interface AskFirstRequest {
  /** The confirmation's title ("Drop the connection of VCP1 now?"). */
  title: string;
  /** What the action does at once, for the words of what it interrupts ("Dropping the connection disconnects VCP1 at once"). */
  action: string;
  /** Its button's label ("Drop connection"); while something runs there, " and interrupt" is added. */
  confirmLabel: string;
}

export interface CardGuard {
  /** What runs on the card's charger. */
  running: RunningOn;
  /** `go` at once when nothing runs on the charger (and that is known), else after a confirmation naming what it interrupts. */
  askFirst: (request: AskFirstRequest, go: () => void) => void;
}

const nothingRuns: RunningOn = { known: true, label: null, words: () => null };
/** Outside a card (nothing to guard), everything goes at once. */
export const CardGuardContext = createContext<CardGuard>({ running: nothingRuns, askFirst: (_, go) => go() });
export const useCardGuard = (): CardGuard => useContext(CardGuardContext);

/** Whether `action` must be asked first: something runs on the charger, or what runs there is not read yet. */
export const mustAsk = (running: RunningOn, action: string): boolean => !running.known || running.words(action) !== null;

/** Until what runs on the charger is read, nothing can be confirmed (it could interrupt a case or a check unasked). */
export const readingWords = (running: RunningOn, chargerId: string): string | null => (running.known ? null : `Reading what runs on ${chargerId}…`);

/** What the action interrupts, as a confirmation's first paragraph (`alone`: said also when nothing runs there). */
export function interruptParagraphs(running: RunningOn, chargerId: string, action: string, alone = true): string[] {
  const words = running.words(action);
  if (words) return [words];
  return running.known && alone ? [`No test run or commissioning runs on ${chargerId} now.`] : [];
}

/** The guard of one card, and its confirmation (to render once on the card). */
export function useAskFirst(chargerId: string, blocked: string | null, asOf: string | null) {
  const running = useRunningOn(chargerId);
  const [asked, setAsked] = useState<(AskFirstRequest & { go: () => void }) | null>(null);
  const [open, setOpen] = useState(false);
  const askFirst = (request: AskFirstRequest, go: () => void) => {
    if (!mustAsk(running, request.action)) return go();
    setAsked({ ...request, go });
    setOpen(true);
  };
  const words = asked ? running.words(asked.action) : null;
  const dialog = (
    <SessionsConfirmDialog
      open={open}
      title={asked?.title ?? ''}
      paragraphs={asked ? interruptParagraphs(running, chargerId, asked.action) : []}
      confirmLabel={asked ? (words ? `${asked.confirmLabel} and interrupt` : asked.confirmLabel) : ''}
      blocked={blocked ?? readingWords(running, chargerId)}
      asOf={asOf}
      onCancel={() => setOpen(false)}
      onConfirm={() => {
        // Never sent while the link is lost or what runs is not read (the confirmation says why), whatever the click.
        if (blocked !== null || !running.known || !asked) return;
        setOpen(false);
        asked.go();
      }}
    />
  );
  return { guard: { running, askFirst } satisfies CardGuard, dialog };
}
