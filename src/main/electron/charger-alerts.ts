// Desktop notifications when chargers connect or fault, gathered so a burst is one notification
// ("12 chargers connected"), not one per charger, and never more often than every few seconds.
import type { BenchEvent } from '../../shared/api/views';

export interface Alert {
  title: string;
  body: string;
  /** The charger concerned, when there is one (clicking may open it). */
  chargerId?: string;
}

export interface AlertTiming {
  /** How long after the first event the others are gathered before showing. */
  gatherMs: number;
  /** Least time between two showings. */
  minGapMs: number;
}

const defaults: AlertTiming = { gatherMs: 1500, minGapMs: 10_000 };

interface Fault {
  chargerId: string;
  connectorId: number;
  errorCode: string;
}

export class ChargerAlerts {
  private connected = new Map<string, string | null>();
  private faults: Fault[] = [];
  /** Last status seen per `${chargerId}/${connectorId}`: a charger repeating Faulted is not news. */
  private readonly statuses = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastShown = -Infinity;

  constructor(
    private readonly show: (alert: Alert) => void,
    private readonly timing: AlertTiming = defaults,
    private readonly now: () => number = Date.now,
  ) {}

  onEvent(e: BenchEvent): void {
    if (e.type === 'chargerConnected') {
      this.connected.set(e.chargerId, e.remoteAddress);
      this.schedule();
    } else if (e.type === 'statusChanged') {
      const key = `${e.chargerId}/${e.connector.connectorId}`;
      const before = this.statuses.get(key);
      this.statuses.set(key, e.connector.status);
      if (e.connector.status === 'Faulted' && before !== 'Faulted') {
        this.faults.push({ chargerId: e.chargerId, connectorId: e.connector.connectorId, errorCode: e.connector.errorCode });
        this.schedule();
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(this.timing.gatherMs, this.lastShown + this.timing.minGapMs - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    this.lastShown = this.now();
    // Faults first: they are what needs a person.
    if (this.faults.length) this.show(faultAlert(this.faults));
    if (this.connected.size) this.show(connectedAlert(this.connected));
    this.faults = [];
    this.connected = new Map();
  }
}

/** "CP-1, CP-2, CP-3 and 9 more" */
function some(names: string[], max = 3): string {
  if (names.length <= max) return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function connectedAlert(connected: Map<string, string | null>): Alert {
  const ids = [...connected.keys()];
  if (ids.length === 1) {
    const from = connected.get(ids[0]);
    return { title: `${ids[0]} connected`, body: from ? `From ${from}` : 'Connected to the bench', chargerId: ids[0] };
  }
  return { title: `${ids.length} chargers connected`, body: some(ids) };
}

function faultAlert(faults: Fault[]): Alert {
  const chargers = [...new Set(faults.map((f) => f.chargerId))];
  if (chargers.length === 1) {
    const mine = faults.filter((f) => f.chargerId === chargers[0]);
    const where = mine.map((f) => `${f.connectorId === 0 ? 'Charger' : `Connector ${f.connectorId}`}: ${f.errorCode}`).join('; ');
    return { title: `${chargers[0]} is faulted`, body: where, chargerId: chargers[0] };
  }
  return { title: `${chargers.length} chargers faulted`, body: some(chargers) };
}
