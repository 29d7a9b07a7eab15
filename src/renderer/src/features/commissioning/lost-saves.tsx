// A checklist text whose save failed after its step was left (the step changed while it was on its way, or
// before typing paused): the field that would say "Not saved" is gone, so the wizard says it instead, on
// whatever step is shown, with the text as typed, until it is on the bench or put aside. Kept in this tab's
// session storage (as the wizard's drafts, draft.ts), so a reload still says it, with the text.
import { useEffect } from 'react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { z } from 'zod';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { checklistItems, checkResultWords, type CheckResult, type CommissioningView } from '../../../../shared/api/commissioning';
import { useLeaveWarning } from '../../components/useLeaveWarning';

export interface LostSave {
  /** The commissioning it belongs to. */
  id: string;
  item: (typeof checklistItems)[number]['id'];
  /** null: the item's result (Conform, …). */
  field: 'value' | 'note' | null;
  /** What was given: the text as typed, or the result (conform, …). */
  text: string;
  /** Why it was not saved. */
  reason: string;
}

export const LOST_SAVES_KEY = 'chargebench.commissioning.lostSaves';

const Kept = z.object({
  id: z.string(),
  item: z.enum(checklistItems.map((i) => i.id) as [LostSave['item'], ...Array<LostSave['item']>]),
  field: z.enum(['value', 'note']).nullable(),
  text: z.string(),
  reason: z.string(),
});

/** What was kept: each entry that does not read as one (an older form, edited by hand) is left out, the others kept. */
const keptOf = (stored: unknown): LostSave[] => {
  const list = (stored as { lost?: unknown } | null)?.lost;
  return Array.isArray(list)
    ? list.flatMap((l) => {
        const read = Kept.safeParse(l);
        return read.success ? [read.data] : [];
      })
    : [];
};

const useLostSaves = create<{ lost: LostSave[] }>()(
  persist(() => ({ lost: [] as LostSave[] }), {
    name: LOST_SAVES_KEY,
    // A storage that refuses (full, or turned off) keeps nothing for a reload: the alert is still shown here.
    storage: createJSONStorage(() => ({
      getItem: (k) => {
        try {
          return sessionStorage.getItem(k);
        } catch {
          return null;
        }
      },
      setItem: (k, v) => {
        try {
          sessionStorage.setItem(k, v);
        } catch {
          // Not kept for a reload.
        }
      },
      removeItem: (k) => {
        try {
          sessionStorage.removeItem(k);
        } catch {
          // Nothing kept to drop.
        }
      },
    })),
    merge: (stored, current) => ({ ...current, lost: keptOf(stored) }),
  }),
);

const sameField = (a: LostSave, b: Omit<LostSave, 'text' | 'reason'>) => a.id === b.id && a.item === b.item && a.field === b.field;

/** Says a save failed after its field was gone; a later failure of the same field replaces the earlier one. */
export function reportLostSave(lost: LostSave): void {
  useLostSaves.setState((s) => ({ lost: [...s.lost.filter((l) => !sameField(l, lost)), lost] }));
}

export function forgetLostSaves(): void {
  useLostSaves.setState({ lost: [] });
}

const forget = (lost: LostSave) => useLostSaves.setState((s) => ({ lost: s.lost.filter((l) => l !== lost) }));

const whatOf = (l: LostSave) => {
  const label = checklistItems.find((i) => i.id === l.item)?.label ?? l.item;
  return l.field === 'note' ? `the note of ${label}` : l.field === 'value' ? `the measured value of ${label}` : `the answer to ${label}`;
};

/** Whether the bench now holds what was lost (saved again since, here or elsewhere). */
const heldNow = (l: LostSave, view: CommissioningView) => {
  const entry = view.checklist.find((e) => e.id === l.item);
  return !!entry && (l.field === null ? entry.result : entry[l.field]) === l.text;
};

/** The texts of this commissioning that were not saved after their step was left; closing the window asks first while one is shown. */
export function LostSaves({ view }: { view: CommissioningView }) {
  const all = useLostSaves((s) => s.lost);
  const lost = all.filter((l) => l.id === view.id && !heldNow(l, view));
  // Once the bench holds one (saved again since), it is put aside: a later change of the field does not bring it back.
  useEffect(() => {
    const held = all.filter((l) => l.id === view.id && heldNow(l, view));
    if (held.length) useLostSaves.setState((s) => ({ lost: s.lost.filter((l) => !held.includes(l)) }));
  }, [all, view]);
  useLeaveWarning(lost.length > 0);
  if (!lost.length) return null;
  return (
    <Stack spacing={1}>
      {lost.map((l) => (
        <Alert key={`${l.item}:${l.field}`} severity="error" onClose={() => forget(l)}>
          Not saved: {whatOf(l)} ({l.reason}){l.field === null ? `. Given: ${checkResultWords[l.text as CheckResult] ?? l.text}` : l.text ? `. As typed: “${l.text}”` : ''}
        </Alert>
      ))}
    </Stack>
  );
}
