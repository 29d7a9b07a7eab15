// The bench's conformance cases (tests:cases), read once per screen.
import { useMemo } from 'react';
import { useClient } from '../../api/context';
import { useLoad } from '../../components/useCall';
import type { CaseInfo } from '../../../../shared/api/test-runs';

export function useCases(): { cases: CaseInfo[] | null; error: string | null } {
  const client = useClient();
  const { data, error } = useLoad(() => client.call('tests:cases', {}), [client]);
  return { cases: data, error };
}

/** Case titles by id, for cases that have no result yet. */
export function useCaseTitles(): Record<string, string> {
  const { cases } = useCases();
  return useMemo(() => Object.fromEntries((cases ?? []).map((c) => [c.id, c.title])), [cases]);
}
