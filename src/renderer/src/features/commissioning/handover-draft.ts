// The handover form as typed (names, signatures drawn or typed, the acknowledgement, the notes), kept in this
// tab's session storage under the commissioning's id, like the wizard's other drafts (draft.ts): a reload or
// a visit to another step loses nothing. Dropped once the handover is signed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import type { SignatureDraft } from './SignatureField';

export interface HandoverDraft {
  installer: string;
  installerSig: SignatureDraft;
  customer: string;
  acknowledged: boolean;
  customerSigns: boolean;
  customerSig: SignatureDraft;
  notes: string;
}

const Sig = z.object({ kind: z.enum(['drawn', 'typed']), image: z.string().startsWith('data:image/').optional() });
/** What was kept, each field on its own: one that does not read as it should is left at its start. */
const Kept = z.object({
  installer: z.string().optional().catch(undefined),
  installerSig: Sig.optional().catch(undefined),
  customer: z.string().optional().catch(undefined),
  acknowledged: z.boolean().optional().catch(undefined),
  customerSigns: z.boolean().optional().catch(undefined),
  customerSig: Sig.optional().catch(undefined),
  notes: z.string().optional().catch(undefined),
});

export const handoverDraftKey = (id: string) => `chargebench.commissioning.handover.${id}`;

function kept(id: string): Partial<HandoverDraft> {
  try {
    const text = sessionStorage.getItem(handoverDraftKey(id));
    if (!text) return {};
    const parsed = Kept.safeParse(JSON.parse(text));
    if (!parsed.success) return {};
    return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<HandoverDraft>;
  } catch {
    return {};
  }
}

export function dropHandoverDraft(id: string): void {
  try {
    sessionStorage.removeItem(handoverDraftKey(id));
  } catch {
    // Nothing kept to drop.
  }
}

/**
 * The handover form of commissioning `id`: as kept, or started from the job's names. `problem` says when
 * what is typed cannot be kept (the storage is full or refused), so a reload would lose it.
 */
export function useHandoverDraft(id: string, start: { installer: string; customer: string }) {
  const [draft, setDraft] = useState<HandoverDraft>(() => ({
    installer: start.installer,
    installerSig: { kind: 'drawn' },
    customer: start.customer,
    acknowledged: false,
    customerSigns: false,
    customerSig: { kind: 'drawn' },
    notes: '',
    ...kept(id),
  }));
  const [problem, setProblem] = useState<string | null>(null);
  // Kept once something is typed: opening the step keeps nothing.
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current) return;
    try {
      sessionStorage.setItem(handoverDraftKey(id), JSON.stringify(draft));
      setProblem(null);
    } catch (e) {
      setProblem(`What is typed here cannot be kept for a reload (${e instanceof Error ? e.message : String(e)}): sign before leaving the page.`);
    }
  }, [id, draft]);
  const change = useCallback((patch: Partial<HandoverDraft>) => {
    touched.current = true;
    setDraft((d) => ({ ...d, ...patch }));
  }, []);
  const drop = useCallback(() => {
    touched.current = false;
    dropHandoverDraft(id);
  }, [id]);
  return { draft, change, drop, problem };
}
