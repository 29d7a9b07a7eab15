// Secrets in frames: the value of the AuthorizationKey configuration key is a charger's security profile 1
// password. Wherever a frame is kept, shown or exported, the value is replaced with a marker that says a
// value was there (ChangeConfiguration, or a charger that wrongly returns it in GetConfiguration).

export const SECRET_KEYS = new Set(['AuthorizationKey']);
export const REDACTED = '[redacted]';

/** A payload with every {key: <secret key>, value} pair's value replaced; the same object when there is none. */
export function redactPayload<T>(payload: T): T {
  if (!mentionsSecret(payload)) return payload;
  return redactValue(payload, 0) as T;
}

/** A frame's text with secret values replaced; the same text when it holds none (the usual case, checked cheaply). */
export function redactFrameText(raw: string): string {
  if (!raw.includes('AuthorizationKey')) return raw;
  try {
    return JSON.stringify(redactValue(JSON.parse(raw), 0));
  } catch {
    // Not JSON (an invalid frame): replace what looks like the pair, in either order.
    return raw
      .replace(/("key"\s*:\s*"AuthorizationKey"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"?/g, `$1"${REDACTED}"`)
      .replace(/("value"\s*:\s*)"(?:[^"\\]|\\.)*"(\s*,\s*"key"\s*:\s*"AuthorizationKey")/g, `$1"${REDACTED}"$2`);
  }
}

function mentionsSecret(v: unknown): boolean {
  try {
    return JSON.stringify(v)?.includes('AuthorizationKey') ?? false;
  } catch {
    return false;
  }
}

function redactValue(v: unknown, depth: number): unknown {
  if (depth > 32 || typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => redactValue(x, depth + 1));
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = redactValue(x, depth + 1);
  if (typeof o.key === 'string' && SECRET_KEYS.has(o.key) && 'value' in o) out.value = REDACTED;
  return out;
}
