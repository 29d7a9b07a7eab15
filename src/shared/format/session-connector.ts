// Which connector the commissioning's test session ran on, and which connectors it did not test, as the
// session step recorded them (session.ts measures them first, so a step that failed has them too): the
// report and the UI name the connector wherever they show the session.
import type { CommissioningView } from '../api/commissioning';

/** The session step's row naming its connector. */
export const SESSION_CONNECTOR_LABEL = 'Test session on connector';
/** The value of the session step's row for a connector the session did not run on ("Connector 2"). */
export const NOT_IN_SESSION = 'not tested in a session';

export interface SessionConnector {
  connectorId: number;
  /** The charger's other connectors: not tested in a session. */
  untested: number[];
}

/** The session's connector from its step's result, or null when the step has not recorded it (not run yet). */
export function sessionConnectorOf(view: Pick<CommissioningView, 'steps'>): SessionConnector | null {
  const rows = view.steps.find((s) => s.id === 'C8_SESSION')?.result?.measurements ?? [];
  const connectorId = Number(rows.find((m) => m.label === SESSION_CONNECTOR_LABEL)?.value);
  if (!Number.isInteger(connectorId) || connectorId < 1) return null;
  const untested = rows
    .filter((m) => m.value === NOT_IN_SESSION)
    .map((m) => Number(/^Connector (\d+)$/.exec(m.label)?.[1]))
    .filter((n) => Number.isInteger(n));
  return { connectorId, untested };
}

/** The session's connector in words: "connector 1 (connector 2 not tested in a session)". */
export function sessionConnectorWords(s: SessionConnector): string {
  const others = s.untested.length === 0 ? '' : s.untested.length === 1 ? `connector ${s.untested[0]}` : `connectors ${s.untested.join(', ')}`;
  return `connector ${s.connectorId}${others ? ` (${others} not tested in a session)` : ''}`;
}
