// The run's declared policy, MinimumStatusDuration 0 where the charger has it (so every status is reported),
// checked against the charger's answer: a charger that does not take 0 keeps holding back short statuses,
// and a case that waits for a StatusNotification may fail, or pass, because of that rather than the case.
// The run goes on (most cases do not hang on a short status), with the answer named before the first case
// (the run's setup problems: the run page, the reports, the CLI), and the run's end puts back only a value
// that was, or may have been, changed.
import type { OperationResult } from '../../shared/api/views';

const KEY = 'MinimumStatusDuration';

export interface MinimumStatusDurationStart {
  /** Whether the value may now differ from the charger's own (what the run's end puts back). */
  changed: boolean;
  /** The value cases put back to after changing it themselves: 0 where the charger took it, else its own. */
  config: string;
  /** What the QA engineer is told before the first case, or null (the charger took 0). */
  note: string | null;
}

const effectOf = (value: string) => `the charger may hold back a status that lasts less than ${value} s, so a case waiting for a StatusNotification may fail or pass because of it`;

/**
 * The note for a commissioning (on its first step, for information: nothing the installer must put right), in
 * its words: its steps may wait longer for a connector status, or miss a short one.
 */
export function minimumStatusDurationForCommissioning(value: string, start: MinimumStatusDurationStart): string {
  const effect = `the charger may hold back a connector status that lasts less than ${value} s, so a step may miss a short status or wait longer for one (for information: nothing to put right on the site)`;
  return (start.note ?? '')
    .replace(effectOf(value), effect)
    .replace("The run's end puts", 'The end of the commissioning run puts')
    .replace(/ for the run so/, ' during the commissioning so');
}

/** What the bench says it does after the last case (or a commissioning's last step): nothing is asked of a charger a Stop left offline. */
export function afterCasesPhase(commissioning: boolean, minimumStatusDuration: string | null, stoppedOffline: boolean): string {
  const after = commissioning ? 'After the steps' : 'After the cases';
  if (stoppedOffline)
    return `${after}: the run was stopped with the charger offline, so ${minimumStatusDuration !== null ? `MinimumStatusDuration is not put back to ${minimumStatusDuration} and ` : ''}the charger's configuration is not read at the end…`;
  return `${after}: ${minimumStatusDuration !== null ? `putting MinimumStatusDuration back to ${minimumStatusDuration}, then ` : ''}reading the charger's configuration at the end of the run…`;
}

/** What the charger's answer to MinimumStatusDuration 0 (or the bench's failure to send it) makes of the run. `value`: the charger's own. */
export function minimumStatusDurationAtStart(answer: OperationResult | Error, value: string, timeoutS: number): MinimumStatusDurationStart {
  const wanted = `the bench sets ${KEY} to 0 for the run so every status is reported`;
  const effect = effectOf(value);
  const kept = (why: string): MinimumStatusDurationStart => ({ changed: false, config: value, note: `${KEY} stays ${value} (${wanted}): ${why}; ${effect}` });
  const unknown = (why: string): MinimumStatusDurationStart => ({
    changed: true,
    config: value,
    note: `${KEY} may still be ${value} (${wanted}): ${why}; ${effect}. The run's end puts ${value} back in case it was changed`,
  });
  if (answer instanceof Error) return kept(`the bench could not send it: ${answer.message}`);
  switch (answer.outcome) {
    case 'completed': {
      const status = String((answer.response as { status?: unknown }).status);
      if (status === 'Accepted') return { changed: true, config: '0', note: null };
      // Stored for after a reboot: some cases reboot the charger, and the run's end puts the charger's own value back.
      if (status === 'RebootRequired')
        return {
          changed: true,
          config: '0',
          note: `${KEY} is ${value} until the charger reboots (${wanted}): the charger answered RebootRequired, and the bench does not reboot it for this; until a case reboots it, ${effect}. The run's end puts ${value} back`,
        };
      return kept(`the charger answered ChangeConfiguration with ${status}`);
    }
    case 'callError':
      return kept(`the charger answered ChangeConfiguration with a CALLERROR ${answer.error.code}${answer.error.description ? ` (${answer.error.description})` : ''}`);
    case 'invalidResponse':
      return unknown(`the charger's answer to ChangeConfiguration broke the OCPP 1.6 schema: ${answer.error.description}`);
    case 'timeout':
      return unknown(`the charger did not answer ChangeConfiguration within ${timeoutS} s`);
    case 'offline':
      return answer.sent ? unknown('the connection dropped after ChangeConfiguration was sent, before an answer') : kept('the charger was not connected when it was to be sent');
  }
}
