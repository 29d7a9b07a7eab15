// A case context as the commissioning's per-connector steps (src/main/commissioning/each-connector.ts) read it,
// for unit tests of those steps: the charger's configuration as read, the statuses seen in this run and those
// the record holds; what the steps send, note and measure is collected.
import type { CaseContext } from '../../src/main/conformance/context';

export interface EachConnectorContext {
  t: CaseContext;
  /** The connectorId of each call sent, in order. */
  sent: number[];
  notes: string[];
  rows: Array<{ label: string; value: unknown; ok: boolean | null }>;
}

/**
 * `config`: the configuration read (the connector count is NumberOfConnectors, 1 without it); `seen`: the
 * statuses of this run; `before`: statuses the record holds from earlier; `sinceBoot`: the connectors reported
 * since the charger's last boot (by default those of `before`).
 */
export function eachConnectorContext(
  config: Record<string, string | null>,
  seen: Record<number, string>,
  before: Record<number, string> = {},
  sinceBoot = Object.keys(before).map(Number),
): EachConnectorContext {
  const sent: number[] = [];
  const notes: string[] = [];
  const rows: EachConnectorContext['rows'] = [];
  const t = {
    pics: { connectors: Math.max(1, Number(config.NumberOfConnectors) || 1), fixedCable: false, config },
    host: {
      frames: { statuses: new Map(Object.entries(seen).map(([c, s]) => [Number(c), s])), transactions: new Map() },
      connectorStatus: (c: number) => seen[c] ?? before[c] ?? null,
      connectorsSinceBoot: () => sinceBoot,
    },
    touched: {},
    transactionOn: () => null,
    send: async (_action: string, p: { connectorId: number }) => (sent.push(p.connectorId), { status: 'Unlocked' }),
    expect: async () => undefined,
    measure: (label: string, value: unknown, ok: boolean | null) => rows.push({ label, value, ok }),
    note: (text: string) => notes.push(text),
    check: (ok: boolean, _w: string, why: string) => {
      if (!ok) throw new Error(why);
    },
    notApplicable: (why: string) => {
      throw new Error(why);
    },
  };
  return { t: t as unknown as CaseContext, sent, notes, rows };
}
