// The new commissioning the wizard is putting together before it exists on the bench: the site and job,
// the charger and the plan. Kept in this tab's session storage, so a reload or a step back loses nothing.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CommissioningTemplate, SiteJobInput } from '../../../../shared/api/commissioning';

export interface Draft {
  job: SiteJobInput;
  chargerId: string;
  /** The plan as chosen and adjusted (session length, load limit); null until chosen. */
  template: CommissioningTemplate | null;
}

export const emptyDraft = (): Draft => ({ job: { site: '', address: '', location: '', installer: '', company: '', customer: '' }, chargerId: '', template: null });

export const useDraft = create<Draft>()(persist(emptyDraft, { name: 'chargebench.commissioning.draft', storage: createJSONStorage(() => sessionStorage) }));

export const setDraft = (patch: Partial<Draft>) => useDraft.setState(patch);
export const resetDraft = () => useDraft.setState(emptyDraft(), true);
