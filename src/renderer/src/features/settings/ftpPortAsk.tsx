// What a new FTP port interrupts, asked before Save moves the bench's FTP server: uploads arriving over
// FTP now are cut off, and the ftp:// links the bench handed chargers in the last day (upload locations of
// GetDiagnostics not yet used, firmware of UpdateFirmware) name the old port and stop working.
import type { ReactNode } from 'react';
import type { BenchClient } from '../../api/client';
import { benchNow } from '../../components/benchClock';

/** Locations and hosted files are good for a day: older links are dead anyway. */
const LINKS_LAST_MS = 24 * 60 * 60 * 1000;

export interface FtpPortAsk {
  kind: 'ftpPort';
  from: number;
  to: number;
  /** Uploads arriving over FTP now, by charger and file. */
  uploading: { chargerId: string; name: string }[];
  /** Chargers given an FTP upload location (GetDiagnostics) that have not uploaded since. */
  diagnostics: string[];
  /** Chargers given firmware by FTP (UpdateFirmware) in the last day. */
  firmware: string[];
  /**
   * Chargers that did not answer such a request in time (GetDiagnostics, UpdateFirmware): they may have
   * taken it all the same and still use its link.
   */
  mayDiagnostics: string[];
  mayFirmware: string[];
  /** False when the bench could not say what is under way: the question says so. */
  known: boolean;
}

const portOf = (url: string): number | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'ftp:' ? Number(u.port || 21) : null;
  } catch {
    return null;
  }
};

const locationOf = (request: unknown): string => String((request as { location?: unknown } | null)?.location ?? '');

/** Reads what moving the FTP server from port `from` to `to` interrupts. */
export async function ftpPortAsk(client: BenchClient, from: number, to: number, now = benchNow()): Promise<FtpPortAsk> {
  // Only the last day's operations: the bench finds where they start without reading older ones.
  const sentSince = new Date(now - LINKS_LAST_MS).toISOString();
  const [uploads, operations] = await Promise.all([
    client.call('files:uploads', {}).catch(() => null),
    client.call('operations:list', { actions: ['GetDiagnostics', 'UpdateFirmware'], sentSince, limit: 1000 }).catch(() => null),
  ]);
  const uploading = (uploads ?? []).filter((u) => u.status === 'receiving' && u.via === 'ftp').map((u) => ({ chargerId: u.chargerId, name: u.name }));
  const sure = { GetDiagnostics: new Set<string>(), UpdateFirmware: new Set<string>() };
  const maybe = { GetDiagnostics: new Set<string>(), UpdateFirmware: new Set<string>() };
  for (const op of operations ?? []) {
    if ((op.outcome !== 'completed' && op.outcome !== 'timeout') || portOf(locationOf(op.request)) !== from) continue;
    if (op.action !== 'GetDiagnostics' && op.action !== 'UpdateFirmware') continue;
    // A location used since (an upload from that charger after the request) is no longer waited for.
    if (op.action === 'GetDiagnostics' && (uploads ?? []).some((u) => u.chargerId === op.chargerId && u.startedAt >= op.sentAt)) continue;
    (op.outcome === 'completed' ? sure : maybe)[op.action].add(op.chargerId);
  }
  const only = (may: Set<string>, certain: Set<string>) => [...may].filter((id) => !certain.has(id));
  return {
    kind: 'ftpPort',
    from,
    to,
    uploading,
    diagnostics: [...sure.GetDiagnostics],
    firmware: [...sure.UpdateFirmware],
    mayDiagnostics: only(maybe.GetDiagnostics, sure.GetDiagnostics),
    mayFirmware: only(maybe.UpdateFirmware, sure.UpdateFirmware),
    known: uploads !== null && operations !== null,
  };
}

/**
 * The question a change of the FTP port asks, once read: null when it does not move the FTP server now
 * (no new port, a port fixed for this run with --ftp-port, a server not running, the port it has).
 */
export function askFtpMove(client: BenchClient, ftp: { port: number | null; fixed: boolean } | undefined, to: number | undefined): Promise<FtpPortAsk> | null {
  if (to === undefined || !ftp || ftp.fixed || ftp.port === null || ftp.port === to) return null;
  return ftpPortAsk(client, ftp.port, to);
}

const names = (ids: string[]) => ids.join(', ');

/** The question's text: what stops working, by charger. */
export function FtpPortWords({ ask, others }: { ask: FtpPortAsk; others: string }): ReactNode {
  const none = ask.uploading.length + ask.diagnostics.length + ask.firmware.length + ask.mayDiagnostics.length + ask.mayFirmware.length === 0;
  return (
    <>
      The bench&apos;s FTP server moves from port {ask.from} to {ask.to === 0 ? 'any free port' : `port ${ask.to}`} at once, and every ftp:// link naming port {ask.from} stops working.
      {ask.uploading.length > 0 && ` Cut off now: ${ask.uploading.map((u) => `${u.name} from ${u.chargerId}`).join(', ')} (still arriving).`}
      {ask.diagnostics.length > 0 && ` Diagnostics upload locations given to ${names(ask.diagnostics)} and not used yet fail.`}
      {ask.firmware.length > 0 && ` Firmware sent by FTP in the last day to ${names(ask.firmware)} cannot be downloaded any more.`}
      {ask.mayDiagnostics.length > 0 && ` ${names(ask.mayDiagnostics)} did not answer GetDiagnostics in time but may still upload to the FTP location it was given: that upload would fail.`}
      {ask.mayFirmware.length > 0 && ` ${names(ask.mayFirmware)} did not answer UpdateFirmware in time but may still download its firmware by FTP: that download would fail.`}
      {none && (ask.known ? ' The bench knows of no upload under way and no FTP link it handed a charger in the last day.' : ' The bench could not read what is under way.')} Links typed into a charger
      by hand need the new port too.{others}
    </>
  );
}
