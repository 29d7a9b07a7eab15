// The Settings screen's words about the OCPP port: why the bench listens on another port than the saved
// one, and what saving a new one does, exactly as the bench says it (bench:status), or, from a bench that
// does not say, only what can be true for its face (a served bench refuses a taken port; the desktop
// app has no --port).
import type { BenchStatus } from '../../../../shared/api/status';

/** Why the bench listens on `listening` and not on the saved port, with what chargers must use; null when they agree. */
export function portNote(status: Pick<BenchStatus, 'face' | 'ocppPortSource'>, listening: number, saved: number): string | null {
  if (saved === 0 || saved === listening) return null;
  const until = `Chargers must use port ${listening} until it restarts`;
  switch (status.ocppPortSource) {
    case 'option':
      return status.face === 'serve'
        ? `This bench was started with --port ${listening}: chargers use port ${listening} until it restarts without that option; port ${saved} is saved for then.`
        : `This bench was started with CHARGEBENCH_OCPP_PORT=${listening}: chargers use port ${listening} until it starts without it; port ${saved} is saved for then.`;
    case 'taken':
      return `Port ${saved} was in use when the bench started, so it listens on port ${listening} instead. ${until}; then it tries port ${saved} again.`;
    case 'setting':
      return `Port ${saved} was saved after the bench started and takes effect when it restarts. ${until}.`;
    default:
      return status.face === 'serve'
        ? `The bench is listening on port ${listening}, not the saved ${saved}: it was started with --port ${listening}, or ${saved} was saved after it started. ${until} (without --port, to use ${saved}).`
        : `The bench is listening on port ${listening}, not the saved ${saved}: port ${saved} was in use when it started, or was saved after that. ${until}.`;
  }
}

/** What the confirmation of a saved OCPP port adds. */
export function portSavedWords(status: Pick<BenchStatus, 'face' | 'ocppPortSource'> | null, listening: number | undefined, port: number): string {
  const shown = port === 0 ? 'any free port' : `port ${port}`;
  if (status?.ocppPortSource === 'option' && listening !== undefined)
    return ` This bench was started with --port ${listening}: restarting it with the same --port keeps port ${listening}; ${shown} applies when it starts without --port.`;
  if (status?.face === 'serve') return ` The new OCPP port takes effect after a restart without --port: a restart with --port ${listening ?? '<port>'} keeps that port.`;
  return ' The new OCPP port takes effect after a restart.';
}

/** What the confirmation of a saved heartbeat interval adds. */
export const heartbeatSavedWords = ' Connected chargers keep their old heartbeat interval until they boot again (or until HeartbeatInterval is set on them).';
