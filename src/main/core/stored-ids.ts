// Chargers an older bench stored under an id the charge point identity rule now refuses (a space at its
// end, a "/" that came percent-encoded, ...). They stay listed and manageable (password, boot policy,
// registration, delete), but a connection under such an id is refused at the WebSocket upgrade: the bench
// says so at start, naming each one and why.
import { identityProblem } from '../../shared/api/input-rules';

/** Named one by one up to this many; more are counted in one line (a fleet stored so would flood the banner). */
export const NAMED_AT_MOST = 3;

/**
 * The notices for stored chargers whose id the identity rule refuses at connect, saying why and what to do:
 * one line per charger up to NAMED_AT_MOST, else one line counting them, naming the first few and why.
 */
export function refusedStoredIds(ids: Iterable<string>): string[] {
  const refused: Array<{ id: string; why: string }> = [];
  for (const id of ids) {
    const problem = identityProblem(id);
    if (problem) refused.push({ id, why: problem.message });
  }
  const after =
    'It stays listed, and its password, boot policy and registration can still be changed or it can be deleted, but a connection under this id is refused. ' +
    'Give the charger a valid id (and register that one) to let it connect.';
  if (refused.length <= NAMED_AT_MOST)
    return refused.map(({ id, why }) => `Charger ${JSON.stringify(id)} is stored under an id the bench now refuses when a charger connects: the charge point identity ${why}. ${after}`);
  const named = refused
    .slice(0, NAMED_AT_MOST)
    .map(({ id, why }) => `${JSON.stringify(id)} (${why})`)
    .join('; ');
  return [
    `${refused.length} chargers are stored under ids the bench now refuses when a charger connects, among them ${named}; the Chargers list shows them all. ` +
      after.replace('It stays listed', 'Each stays listed'),
  ];
}
