// Chargers an older bench stored under an id the charge point identity rule now refuses (a space at its
// end, a "/" that came percent-encoded, ...). They stay listed and manageable (password, boot policy,
// registration, delete), but a connection under such an id is refused at the WebSocket upgrade: the bench
// says so at start, naming each one and why.
import { identityProblem } from '../../shared/api/input-rules';

/** One line per stored charger whose id the identity rule refuses at connect, saying why and what to do. */
export function refusedStoredIds(ids: Iterable<string>): string[] {
  const lines: string[] = [];
  for (const id of ids) {
    const problem = identityProblem(id);
    if (!problem) continue;
    lines.push(
      `Charger ${JSON.stringify(id)} is stored under an id the bench now refuses when a charger connects: the charge point identity ${problem.message}. ` +
        'It stays listed, and its password, boot policy and registration can still be changed or it can be deleted, but a connection under this id is refused. ' +
        'Give the charger a valid id (and register that one) to let it connect.',
    );
  }
  return lines;
}
