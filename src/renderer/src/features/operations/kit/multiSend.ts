// A send to several chargers, counted truthfully: each charger's row ends in one of a few ways (an answer,
// told apart by what it said: accepted, rejected, or another status; refused by the charger with a
// CALLERROR, no answer in time, the connection dropped after or before the CALL went out, offline from the
// start, refused by the bench), and the heading counts each way apart, so "accepted" never covers a
// charger that said Rejected, got nothing, or whose outcome is unknown.
import type { OperationResult } from '../../../../../shared/api/contract';
import type { Explained } from './meanings';
import { plural } from './running';

/** An answer that is neither a success nor a refusal in its action's meanings: "answered RebootRequired". */
type AnsweredOther = `answered ${string}`;
export type MultiRowEnd = 'accepted' | 'rejected' | AnsweredOther | 'callError' | 'invalid' | 'timeout' | 'dropped' | 'cutOff' | 'offline' | 'refused';

/**
 * How one charger's send ended: from its result, or `null` when the bench refused the request (nothing
 * sent). An answer is told apart by the tone its action's meanings give it (the single panel's explain()):
 * a success is 'accepted', a refusal 'rejected', anything else "answered <status>".
 */
export function multiRowEnd(result: OperationResult | null, answer?: Pick<Explained, 'tone' | 'headline'>): MultiRowEnd {
  if (!result) return 'refused';
  switch (result.outcome) {
    case 'completed':
      if (answer?.tone === 'success') return 'accepted';
      if (answer?.tone === 'error') return 'rejected';
      return `answered ${answer?.headline.trim() || 'without a status'}`;
    case 'callError':
      return 'callError';
    case 'invalidResponse':
      return 'invalid';
    case 'timeout':
      return 'timeout';
    case 'offline':
      return result.sent ? 'dropped' : result.queuedBehind ? 'cutOff' : 'offline';
  }
}

/** Each way a send ended, in the heading's order and words ("2 accepted", "1 dropped before an answer (outcome unknown)"). */
const words: Array<[MultiRowEnd | 'answered', string]> = [
  ['accepted', 'accepted'],
  ['rejected', 'rejected'],
  // Here come the other answers, one count per status ("1 answered RebootRequired").
  ['answered', ''],
  ['callError', 'answered with an error (CALLERROR)'],
  ['invalid', 'answered with an invalid answer (outcome unknown)'],
  ['timeout', 'did not answer in time (outcome unknown)'],
  ['dropped', 'dropped before an answer (outcome unknown)'],
  ['cutOff', 'never sent (connection dropped while queued)'],
  ['offline', 'offline (nothing sent)'],
  ['refused', 'not sent (refused by the bench)'],
];

const isOther = (e: MultiRowEnd): e is AnsweredOther => e.startsWith('answered ');

/** "2 accepted, 1 rejected, 1 dropped before an answer (outcome unknown), 2 offline (nothing sent)": the ways counted, those with none left out. */
export function multiEndsText(ends: readonly MultiRowEnd[]): string {
  const count = (end: MultiRowEnd) => ends.filter((e) => e === end).length;
  return words
    .flatMap(([end, text]): Array<readonly [number, string]> =>
      end === 'answered' ? [...new Set(ends.filter(isOther))].map((other) => [count(other), other] as const) : [[count(end), text] as const],
    )
    .filter(([n]) => n > 0)
    .map(([n, text]) => `${n} ${text}`)
    .join(', ');
}

/**
 * The results' heading: while some are pending, how many are awaited (and how the others ended so far);
 * then "All 3 chargers accepted." only when each accepted, else each way counted ("2 accepted, 1 rejected.").
 */
export function multiSendHeading(total: number, ends: readonly MultiRowEnd[]): string {
  if (ends.length < total) return `Waiting for ${total - ends.length} of ${plural(total, 'charger')}…${ends.length ? ` So far: ${multiEndsText(ends)}.` : ''}`;
  if (total > 0 && ends.every((e) => e === 'accepted')) return total === 1 ? 'The charger accepted.' : `All ${total} chargers accepted.`;
  return `${multiEndsText(ends)}.`;
}
