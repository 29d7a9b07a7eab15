// Rules about a charger that hold on both sides: the bench judges its record by them, the faces its view.
import type { ChargerRecord } from './records';

/**
 * A charger registered ahead of its first connection that has not connected since (refused attempts are
 * not connections): its "last seen" and "first seen" are its registration's, never contact, so no screen
 * says "last seen" of it. THE test for it, wherever a charger's last contact is said or an operation's
 * "not connected" is told (the bench passes `connected` as its live connection says).
 */
export function neverConnected(charger: Pick<ChargerRecord, 'connected' | 'lastBoot' | 'remoteAddress' | 'connectors'>): boolean {
  return !charger.connected && !charger.lastBoot && !charger.remoteAddress && !charger.connectors.length;
}
