// Who may connect as a charger, decided at the WebSocket upgrade: the identity in the URL, no browser
// page, the OCPP 1.6J subprotocol, the unknown-charger policy and security profile 1. A refusal carries
// its HTTP status and a reason that says what to fix.
import type { IncomingMessage } from 'node:http';
import type { BenchSettings } from '../../shared/api/views';
import { identityProblem, MAX_IDENTITY_LENGTH } from '../../shared/api/input-rules';
import { parseBasicAuth, samePassword } from '../rpc/basic-auth';
import type { ChargerRegistry } from './registry';

export const OCPP_SUBPROTOCOL = 'ocpp1.6';
/** The OCPP 1.6 security whitepaper limits the charge point identity to 48 characters (the one identity rule's). */
export { MAX_IDENTITY_LENGTH };
/** The realm of the Basic auth challenge sent with every 401. */
export const AUTH_REALM = 'ChargeBench';

export type Admission = { admitted: true; chargerId: string; note: string | null } | { admitted: false; status: number; reason: string; chargerId: string | null; headers?: Record<string, string> };

/** Decides one upgrade request; `refusedFor` says for how many more seconds the bench refuses a charger on purpose (bench behaviour: the Retry-After header). */
export function admit(req: IncomingMessage, registry: ChargerRegistry, settings: BenchSettings, refusedFor: (chargerId: string) => number | null = () => null): Admission {
  const refuse = (status: number, reason: string, chargerId: string | null = null, headers?: Record<string, string>): Admission => ({ admitted: false, status, reason, chargerId, headers });
  let chargerId: string;
  try {
    // The identity is the last segment of the path, even an empty one: ws://host/ocpp/ has none.
    const path = new URL(req.url ?? '/', 'http://bench').pathname;
    chargerId = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return refuse(400, `Bad URL: the path ${JSON.stringify(String(req.url).slice(0, 80))} is not valid. Give the charger ws://<host>:<port>/ocpp/<chargePointId>`);
  }
  // The one identity rule (the API and the Register form apply it too), in admission's words.
  const problem = identityProblem(chargerId);
  if (problem)
    switch (problem.problem) {
      case 'empty':
        return refuse(400, 'Missing identity: the URL has no charge point identity at its end. Give the charger ws://<host>:<port>/ocpp/<chargePointId>');
      case 'tooLong':
        return refuse(
          400,
          `Identity too long: the charge point identity is ${chargerId.length} characters; OCPP allows at most ${MAX_IDENTITY_LENGTH}. Give the charger a shorter id`,
          chargerId.slice(0, 60),
        );
      case 'unprintable':
        return refuse(
          400,
          `Unprintable identity: the charge point identity ${JSON.stringify(chargerId)} holds control characters (line breaks, escapes, NUL). Give the charger an id of printable characters`,
        );
      default:
        // Blank, or spaces at its ends: not an identity a person can read (a "/" sent as %2F is taken).
        // Not recorded under the identity, so no nameless or look-alike charger appears in the lists.
        return refuse(400, `Invalid identity: the charge point identity ${JSON.stringify(chargerId)} ${problem.message}. Give the charger an id that is not blank, without spaces at its ends`);
    }
  const seconds = refusedFor(chargerId);
  if (seconds !== null) {
    // The reason is the same for every retry (no countdown in it), so a charger retrying is one line of the
    // connection attempts (identical refusals in a row are grouped); the seconds left are in Retry-After.
    return refuse(
      503,
      `Bench offline on purpose: the bench refuses ${chargerId} for a while (bench behaviour, to test how the charger copes with an unreachable central system). The Retry-After header gives the seconds left; the charger's Bench behaviour panel shows until when and can let it in again at once`,
      chargerId,
      { 'Retry-After': String(seconds) },
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !settings.allowBrowserOrigins) {
    return refuse(
      403,
      `Browser page refused: a web page (Origin ${JSON.stringify(origin.slice(0, 100))}) tried to connect as charger ${chargerId}. Chargers send no Origin; a page open on this machine is not let in, so it cannot pose as a charger. To test a browser-based charger simulator, allow browser pages in Settings`,
      chargerId,
    );
  }
  const offered = (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!offered.includes(OCPP_SUBPROTOCOL)) {
    const what = offered.length ? `offered subprotocol ${offered.map((p) => JSON.stringify(p.slice(0, 40))).join(', ')}` : 'offered no WebSocket subprotocol';
    return refuse(
      400,
      `Wrong OCPP version: ${chargerId} ${what}, but ChargeBench speaks OCPP 1.6J only (subprotocol "${OCPP_SUBPROTOCOL}"). Set the charger's OCPP version to 1.6 JSON (OCPP-J)`,
      chargerId,
    );
  }
  const auth = securityProfile1(chargerId, req.headers.authorization, registry, settings);
  if (auth.status !== null) return refuse(auth.status, auth.reason, chargerId, auth.status === 401 ? { 'WWW-Authenticate': `Basic realm="${AUTH_REALM}"` } : undefined);
  return { admitted: true, chargerId, note: auth.note };
}

/**
 * Security profile 1 and the unknown-charger policy: a refusal (HTTP status and reason), or status
 * null to let the charger in, with a note for the record when there is something worth knowing.
 */
function securityProfile1(
  chargerId: string,
  authorization: string | undefined,
  registry: ChargerRegistry,
  settings: BenchSettings,
): { status: number; reason: string } | { status: null; note: string | null } {
  if (settings.unknownChargers === 'reject' && !registry.isRegistered(chargerId)) {
    return {
      status: 403,
      reason: `Unknown charger: ${chargerId} is not registered on this bench, and unknown chargers are refused. Register it (Chargers screen, Register charger; or POST /api/chargers), or let unknown chargers connect in Settings`,
    };
  }
  const expected = registry.passwordOf(chargerId);
  if (expected === 'unreadable') {
    return {
      status: 401,
      reason: `Password unreadable: the password stored for ${chargerId} was encrypted for another user or computer and cannot be read here. Set it again (its settings on the Chargers screen)`,
    };
  }
  const sent = parseBasicAuth(authorization, chargerId);
  // One of the bench's own virtual chargers: its password is set on its card, which gives the bench the same one.
  const virtual = registry.isKnown(chargerId) && !registry.isReal(chargerId);
  const onItsCard = `Set it on the virtual charger's card (Virtual chargers screen, Set password…, or POST /api/virtual-chargers/${encodeURIComponent(chargerId)}/actions/set-password): the charger and the bench get the same one`;
  if (expected === undefined) {
    if (settings.requirePassword && virtual) {
      return {
        status: 401,
        reason: `No password set: ${chargerId} is one of this bench's virtual chargers and has no password, and the bench requires one (security profile 1). ${onItsCard}. Or stop requiring passwords in Settings`,
      };
    }
    if (settings.requirePassword) {
      return {
        status: 401,
        reason: `No password set: ${chargerId} has no password on this bench, and the bench requires one (security profile 1). Set a password for it on the bench (its settings on the Chargers screen, or POST /api/chargers) and the same as the charger's AuthorizationKey, or stop requiring passwords in Settings`,
      };
    }
    // Without a bench password nothing is checked, but a charger that sends one is probably
    // configured for security profile 1 while the bench is not, which the installer should hear of.
    return {
      status: null,
      note:
        sent.kind === 'none'
          ? null
          : `Password not checked: ${chargerId} sent one, but the bench has no password for it, so nothing was checked (security profile 1 is off for this charger until you set one)`,
    };
  }
  switch (sent.kind) {
    case 'none':
      if (virtual)
        return {
          status: 401,
          reason: `Password missing: ${chargerId}, one of this bench's virtual chargers, sent no password, but the bench has one for it (security profile 1). A password set on the Chargers screen is the bench's only. ${onItsCard}`,
        };
      return {
        status: 401,
        reason: `Password missing: ${chargerId} sent no password, but the bench has one set for it (security profile 1). Set the charger's AuthorizationKey to the bench password, and its security profile to 1`,
      };
    case 'notBasic':
      return {
        status: 401,
        reason: `Wrong kind of login: ${chargerId} sent an Authorization header that is not HTTP Basic. Security profile 1 needs Basic auth with the charge point identity as user and the AuthorizationKey as password: check the charger's security profile setting`,
      };
    case 'malformed':
      return {
        status: 401,
        reason: `Unreadable password: ${chargerId} sent a malformed HTTP Basic Authorization header (not base64 of "<identity>:<password>"). Check the charger's security profile 1 settings`,
      };
    case 'otherUser':
      return {
        status: 401,
        reason: `Wrong user: ${chargerId} sent a password for user ${JSON.stringify(sent.user)}, but the user must be the charge point identity (security profile 1). Check the identity the charger logs in with`,
      };
    case 'password': {
      // A charger let in with either of two passwords (whether it took a new key is not known) keeps the one it used.
      if (samePassword(sent.password, expected)) return { status: null, note: registry.connectedWith(chargerId, 'own') };
      const other = registry.otherPasswordOf(chargerId);
      if (other !== undefined && samePassword(sent.password, other)) return { status: null, note: registry.connectedWith(chargerId, 'other') };
      if (virtual)
        return { status: 401, reason: `Wrong password: ${chargerId}, one of this bench's virtual chargers, sent another password than the bench has for it (security profile 1). ${onItsCard}` };
      return {
        status: 401,
        reason: `Wrong password: the charger's AuthorizationKey does not match the password set for ${chargerId} on this bench (security profile 1). Set the same password on both`,
      };
    }
  }
}
