// The rules every face applies to a few inputs people and chargers type: the charge point identity (the
// WebSocket upgrade, the API and the Register form), an idTag (the API and the id-tag forms), and the
// serve API token (--api-token and the token file). One rule each, so every face refuses the same input
// with the same words.
import { z } from 'zod';

/** No control characters (line breaks, escapes, NUL, bidi marks) and no line or paragraph separators. */
const PRINTABLE = /^[^\p{C}\p{Zl}\p{Zp}]*$/u;
const PRINTABLE_WORDS = 'must be printable characters only (no control characters such as line breaks, escapes or NUL)';

/** The OCPP 1.6 security whitepaper limits the charge point identity to 48 characters. */
export const MAX_IDENTITY_LENGTH = 48;

/** What is wrong with a charge point identity. */
export type IdentityProblem = 'empty' | 'tooLong' | 'unprintable' | 'blank' | 'spaceAtEnds';

/**
 * The charge point identity is the last segment of the URL path a charger connects to (OCPP-J 1.6), and
 * the user of its Basic auth. So it is not empty, at most 48 characters, printable, not blank, without
 * spaces at either end (a charger's setup page or a URL drops them, and a person cannot see them in a
 * list). Any other character may be in it, percent-encoded in the URL ("CP/A-01" connects as CP%2FA-01).
 */
export function identityProblem(id: string): { problem: IdentityProblem; message: string } | null {
  if (id.length === 0) return { problem: 'empty', message: 'must not be empty' };
  if (id.length > MAX_IDENTITY_LENGTH) return { problem: 'tooLong', message: `must be at most ${MAX_IDENTITY_LENGTH} characters (the security whitepaper's limit for a charge point identity)` };
  if (!PRINTABLE.test(id)) return { problem: 'unprintable', message: PRINTABLE_WORDS };
  if (id.trim() === '') return { problem: 'blank', message: 'must not be blank (spaces only): a charger is named by it' };
  if (id.trim() !== id) return { problem: 'spaceAtEnds', message: 'must not begin or end with a space: it is the last part of the URL the charger connects to' };
  return null;
}

/** The charge point identity as a schema (identityProblem's words as the message). */
export const ChargePointIdentity = z.string({ error: 'must be a string: the charge point identity' }).superRefine((id, ctx) => {
  const p = identityProblem(id);
  if (p) ctx.addIssue({ code: 'custom', message: p.message, input: id });
});

/** The OCPP 1.6 limit of an IdToken (CiString20). */
export const MAX_ID_TAG_LENGTH = 20;

/** What is wrong with an idTag. */
export type IdTagProblem = 'empty' | 'tooLong' | 'unprintable' | 'blank' | 'spaceAtEnds';

/**
 * An idTag a person gives (the bench's list, a card presented, a test run's or a template's card): an OCPP
 * 1.6 IdToken (CiString20), so 1 to 20 characters, printable, not blank and without spaces at either end
 * (the UI's forms trim what is typed; a card reader never sends them, and a person cannot see them in a
 * list). The UI and the API refuse the same idTags with the same words.
 */
export function idTagProblem(tag: string): { problem: IdTagProblem; message: string } | null {
  if (tag.length === 0) return { problem: 'empty', message: 'must not be empty' };
  if (tag.length > MAX_ID_TAG_LENGTH) return { problem: 'tooLong', message: `must be at most ${MAX_ID_TAG_LENGTH} characters (the OCPP 1.6 limit of an IdToken)` };
  if (!PRINTABLE.test(tag)) return { problem: 'unprintable', message: PRINTABLE_WORDS };
  if (tag.trim() === '') return { problem: 'blank', message: 'must not be blank (spaces only): an idTag names a card' };
  if (tag.trim() !== tag) return { problem: 'spaceAtEnds', message: 'must not begin or end with a space (a card reader never sends one)' };
  return null;
}

/** An idTag's schema by `rule` (its problem, or null); `orEmpty`: "" is taken (a parentIdTag: none). */
const idTagBy = (rule: (tag: string) => { message: string } | null, orEmpty: boolean) =>
  z.string({ error: 'must be a string: an idTag' }).superRefine((tag, ctx) => {
    const p = orEmpty && tag === '' ? null : rule(tag);
    if (p) ctx.addIssue({ code: 'custom', message: p.message, input: tag });
  });

/** An OCPP 1.6 IdToken (CiString20) by idTagProblem's rule: 1 to 20 printable characters, not blank, no spaces at either end. */
export const IdToken = idTagBy(idTagProblem, false);

/** An IdToken where it may be left empty (a parentIdTag: "" is none); anything else by idTagProblem's rule. */
export const IdTokenOrEmpty = idTagBy(idTagProblem, true);

/**
 * An idTag an older bench already took, by the rule it had then: 1 to 20 printable characters (spaces at
 * either end allowed). The bench's list keeps answering for such a card, so one already in it (or deleted
 * from it since the bench started, for Undo) may be updated, restored and named as a parent; a card new to
 * the bench gets idTagProblem's rule.
 */
export function storedIdTagProblem(tag: string): { problem: IdTagProblem; message: string } | null {
  const p = idTagProblem(tag);
  return p && (p.problem === 'blank' || p.problem === 'spaceAtEnds') ? null : p;
}

/** An idTag by storedIdTagProblem's rule (the older bench's): what the list's calls take before the bench applies idTagProblem's rule to a card new to it. */
export const StoredIdToken = idTagBy(storedIdTagProblem, false);

/** StoredIdToken where it may be left empty (a parentIdTag: "" is none). */
export const StoredIdTokenOrEmpty = idTagBy(storedIdTagProblem, true);

/**
 * A card a template or a run's test data saved by an older bench holds, by the rule it was saved under
 * (trimmed, 1 to 20 characters, any characters): read back as it was, so a saved template or an earlier
 * run's data stays usable; a template saved or a run started now gets IdToken's rule for what it gives.
 */
export const EarlierIdToken = z
  .string({ error: 'must be a string: an idTag' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_ID_TAG_LENGTH, { error: `must be at most ${MAX_ID_TAG_LENGTH} characters (the OCPP 1.6 limit of an IdToken)` });

/**
 * The serve API token: at least 16 characters, as the token serve makes and keeps is 24 (and the README
 * calls it a bearer token every request needs, so a guessable one is no guard), at most 128; letters,
 * digits and - _ . ~ only, so it goes unchanged in an Authorization header and in the `?token=` link.
 */
export const API_TOKEN_MIN_LENGTH = 16;
export const API_TOKEN_MAX_LENGTH = 128;

/** Why a token cannot be the API token, or null. */
export function apiTokenProblem(token: string): string | null {
  if (token.length < API_TOKEN_MIN_LENGTH) return `must be at least ${API_TOKEN_MIN_LENGTH} characters (this one has ${token.length}): a short token is easily guessed`;
  if (token.length > API_TOKEN_MAX_LENGTH) return `must be at most ${API_TOKEN_MAX_LENGTH} characters`;
  if (!/^[A-Za-z0-9._~-]+$/.test(token)) return 'must be letters, digits and - _ . ~ only (it goes in a header and a link)';
  return null;
}
