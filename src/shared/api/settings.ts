// The bench's settings: one schema with each field's rule, and the defaults of a bench that has saved
// none. A change is the schema's partial (SettingsPatch); every face checks with them.
import { z } from 'zod';
import { RegistrationStatus } from '../ocpp16/enums';

const wholeSeconds = (min: number, max: number, what: string) =>
  z
    .int({ error: 'must be a whole number of seconds' })
    .min(min, { error: `must be at least ${min} second${min === 1 ? '' : 's'}` })
    .max(max, { error: `must be at most ${max} seconds (${what})` });
const connections = () => z.int({ error: 'must be a whole number of connections' }).min(1, { error: 'must be at least 1' }).max(1_000_000, { error: 'must be at most 1000000' });

export const Settings = z.strictObject({
  /** Answer to BootNotification for chargers without a policy of their own. */
  defaultBootStatus: RegistrationStatus,
  /** Heartbeat interval (s) given in BootNotification. */
  heartbeatInterval: wholeSeconds(1, 86_400, 'one day'),
  /** acceptAll: unknown idTags are Accepted; localList: only tags in the list are. */
  authorization: z.enum(['acceptAll', 'localList']),
  /** Seconds the bench waits for a charger's answer to an operation. */
  callTimeout: wholeSeconds(1, 3_600, 'one hour'),
  /** Security profile 1: when true, a charger without a bench password is refused (401) rather than let in without auth. */
  requirePassword: z.boolean(),
  /** accept: any identity may connect; reject: only chargers registered on the bench (POST /api/chargers) may. */
  unknownChargers: z.enum(['accept', 'reject']),
  /** The OCPP port the bench listens on from its next start (0: any free port); serve's --port overrides it. */
  ocppPort: z.int({ error: 'must be a whole number from 0 to 65535' }).min(0, { error: 'must be from 0 to 65535 (0 picks any free port)' }).max(65_535, { error: 'must be at most 65535' }),
  /**
   * The port of the bench's FTP server, where chargers upload diagnostics and fetch firmware with
   * per-request credentials (0: any free port). It listens where the central system does; a change applies
   * at once.
   */
  ftpPort: z.int({ error: 'must be a whole number from 0 to 65535' }).min(0, { error: 'must be from 0 to 65535 (0 picks any free port)' }).max(65_535, { error: 'must be at most 65535' }),
  /** Days of records kept (frames, meter values, connection attempts, status history); null or 0 keeps everything. */
  retentionDays: z.int({ error: 'must be a whole number of days' }).min(0, { error: 'must be 0 or more days (0 keeps everything)' }).max(36_500, { error: 'must be at most 36500 days' }).nullable(),
  /**
   * Let a web page connect as a charger (a WebSocket upgrade carrying a browser's Origin header). Off:
   * any page open on this machine could otherwise act as a charger.
   */
  allowBrowserOrigins: z.boolean(),
  /** OCPP connections held at once, handshakes included; more are refused. */
  maxConnections: connections(),
  /** OCPP connections from one address at once (this machine's own, 127.0.0.1 and ::1, excepted). */
  maxConnectionsPerAddress: connections(),
});
export type BenchSettings = z.infer<typeof Settings>;

/** The settings of a bench that has saved none. */
export const defaultSettings: BenchSettings = {
  defaultBootStatus: 'Accepted',
  heartbeatInterval: 300,
  authorization: 'acceptAll',
  callTimeout: 30,
  requirePassword: false,
  unknownChargers: 'accept',
  ocppPort: 9000,
  // 21 needs administrator rights on most systems; 2121 is the usual unprivileged choice.
  ftpPort: 2121,
  retentionDays: null,
  allowBrowserOrigins: false,
  maxConnections: 10_000,
  maxConnectionsPerAddress: 200,
};

/** A change to the settings: any of them, each checked by its rule. */
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The ports the bench listens on now (null or absent: not listening, or not known to this face). */
export interface PortsInEffect {
  /** The OCPP central system's. */
  ocpp?: number | null;
  /** The FTP server's. */
  ftp?: number | null;
  /** Serve mode's automation API (and the UI in a browser). */
  api?: number | null;
}

/**
 * THE rule against a port setting that collides with another port of the bench: each port `patch` sets
 * (0, any free port, never collides) checked against the other port the same save leaves saved (`saved`
 * with `patch` applied) and the ports in effect now. A new FTP port applies at once; a new OCPP port at the
 * next start, where the FTP server and serve's API would hold their ports. Per field, what is wrong, to
 * follow its label: "9000 is the OCPP port: pick another".
 */
export function portClashes(saved: Pick<BenchSettings, 'ocppPort' | 'ftpPort'>, patch: SettingsPatch, now: PortsInEffect = {}): Partial<Record<'ocppPort' | 'ftpPort', string>> {
  const out: Partial<Record<'ocppPort' | 'ftpPort', string>> = {};
  const ocpp = patch.ocppPort ?? saved.ocppPort;
  const ftp = patch.ftpPort ?? saved.ftpPort;
  const clash = (port: number, what: string) => `${port} is the ${what}: pick another`;
  // Named with the option that sets it: the one thing here the Settings screen cannot change.
  const api = "port of the bench's API and this UI (serve --api-port)";
  if (patch.ftpPort !== undefined && patch.ftpPort !== 0) {
    const p = patch.ftpPort;
    if (p === ocpp) out.ftpPort = clash(p, patch.ocppPort !== undefined ? 'OCPP port this save sets' : 'OCPP port');
    else if (p === now.ocpp) out.ftpPort = clash(p, 'OCPP port chargers connect to now');
    else if (p === now.api) out.ftpPort = clash(p, api);
  }
  // A clash of both ports the save sets is said once, on the FTP port.
  if (patch.ocppPort !== undefined && patch.ocppPort !== 0 && !out.ftpPort) {
    const p = patch.ocppPort;
    if (p === ftp && patch.ftpPort === undefined) out.ocppPort = clash(p, 'FTP port');
    // The FTP server's port now, when it keeps it at the next start (a fixed one; at 0 it picks another then).
    else if (p === now.ftp && patch.ftpPort === undefined && ftp !== 0) out.ocppPort = clash(p, "FTP server's port now");
    else if (p === now.api) out.ocppPort = clash(p, api);
  }
  return out;
}
