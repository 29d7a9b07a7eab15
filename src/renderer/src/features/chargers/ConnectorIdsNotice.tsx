// A charger that reports a status for a connector it does not have: an id beyond the NumberOfConnectors it
// gave when the bench last read its configuration. Said as the charger's report (the bench records the id as
// it read it, and lists the connector; an id beyond 2^53 is said to have lost precision), so that a card
// for "connector 30000000" is not taken for the bench's own invention.
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { formatTime } from '../../components/format';
import type { ChargerView, OperationView } from '../../../../shared/api/views';

/** The NumberOfConnectors a charger gave, and when it was read. */
export interface ConnectorCount {
  count: number;
  at: string;
}

/** The newest NumberOfConnectors among GetConfiguration answers (`operations`, newest first); null when none holds one. */
export function numberOfConnectorsIn(operations: readonly Pick<OperationView, 'action' | 'outcome' | 'response' | 'sentAt' | 'finishedAt'>[]): ConnectorCount | null {
  for (const o of operations) {
    if (o.action !== 'GetConfiguration' || o.outcome !== 'completed') continue;
    const keys = (o.response as { configurationKey?: unknown } | null)?.configurationKey;
    if (!Array.isArray(keys)) continue;
    const value = (keys as Array<{ key?: unknown; value?: unknown }>).find((k) => k?.key === 'NumberOfConnectors')?.value;
    const count = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (Number.isSafeInteger(count) && count >= 1) return { count, at: o.finishedAt ?? o.sentAt };
  }
  return null;
}

/** The connectors the charger reported beyond `count`, in order. */
export function connectorsBeyond(charger: Pick<ChargerView, 'connectors'>, count: number): number[] {
  return [...new Set(charger.connectors.map((c) => c.connectorId).filter((id) => id > count))].sort((a, b) => a - b);
}

/** The NumberOfConnectors the charger last gave the bench (read when mounted, again when an operation finishes); null while not known. */
function useNumberOfConnectors(chargerId: string): ConnectorCount | null {
  const client = useClient();
  const version = useBench((s) => s.operationsVersion);
  const [count, setCount] = useState<ConnectorCount | null>(null);
  useEffect(() => {
    let live = true;
    client.call('operations:list', { chargerId, actions: ['GetConfiguration'], limit: 50 }).then(
      (ops) => live && setCount(numberOfConnectorsIn(ops)),
      () => undefined,
    );
    return () => void (live = false);
  }, [client, chargerId, version]);
  return count;
}

const listed = (ids: number[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));

/** The warning, when the charger reported a connector beyond its NumberOfConnectors; nothing otherwise. */
export function ConnectorIdsNotice({ charger }: { charger: ChargerView }) {
  const known = useNumberOfConnectors(charger.id);
  if (!known) return null;
  const beyond = connectorsBeyond(charger, known.count);
  if (!beyond.length) return null;
  const one = beyond.length === 1;
  // An id beyond 2^53 is read as the nearest number a double holds: listed as read, never claimed as sent.
  const unsafe = beyond.filter((id) => !Number.isSafeInteger(id));
  return (
    <Alert severity="warning" data-testid="connectors-beyond">
      {charger.id} reported a status for {one ? 'connector' : 'connectors'} {listed(beyond)}, but it said it has {known.count} (NumberOfConnectors, read {formatTime(known.at)}). This is the
      charger&rsquo;s own report: the bench lists {one ? 'that connector' : 'those connectors'} as it read {one ? 'the id' : 'the ids'}.
      {unsafe.length > 0 && ` ${listed(unsafe)} ${unsafe.length === 1 ? 'is' : 'are'} beyond 2^53, where numbers lose precision: the id the charger sent may differ.`} Check the charger&rsquo;s
      configuration or firmware.
    </Alert>
  );
}
