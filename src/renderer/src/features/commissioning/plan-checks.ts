// What is wrong with a plan as edited here, field by field, in words that name the unit. The schema
// (src/shared/api/commissioning.ts) takes any load limit above 0 and up to 400,000, in A per phase as in W:
// 400,000 A per phase is no site's. The wizard holds a limit to what a site can have:
// - in A per phase, 6 to 630 A: below 6 A no EV charges (IEC 61851-1's least charging current), and 630 A
//   is the largest fuse of a low-voltage site connection (an NH 630 A main fuse, a 400 kVA transformer's
//   outgoing feeder); a charger's default profile above that is a typo;
// - in W, 1,380 W (6 A on one phase at 230 V) to 400,000 W (the schema's bound, that of a charger's rating).
import { CommissioningTemplate } from '../../../../shared/api/commissioning';

/** The session length below which the report notes a short session. */
export const FULL_SESSION_S = 300;

export const loadLimitBounds = {
  A: { min: 6, max: 630, words: 'Between 6 and 630 A per phase' },
  W: { min: 1380, max: 400_000, words: 'Between 1380 and 400000 W' },
} as const;

export const sessionWords = 'Between 10 and 3600 seconds, whole';

type LoadLimit = NonNullable<CommissioningTemplate['loadLimit']>;

/** The load limit in W (amperes per phase at 230 V). */
export const limitWatts = (l: LoadLimit) => (l.unit === 'W' ? l.limit : l.limit * 230 * l.phases);

/**
 * The load limit in another unit, converted (amperes per phase at 230 V on its phases; W whole, A to 0.1),
 * with what it was converted from in words ("16 A per phase on 3 phases"); a limit not a number is kept.
 */
export function convertedLimit(l: LoadLimit, unit: LoadLimit['unit']): { limit: LoadLimit; from: string | null } {
  if (l.unit === unit || !Number.isFinite(l.limit)) return { limit: { ...l, unit }, from: null };
  const w = limitWatts(l);
  const limit = unit === 'W' ? Math.round(w) : Math.round((w / (230 * l.phases)) * 10) / 10;
  const from = `${l.limit} ${l.unit}${l.unit === 'A' ? ` per phase on ${l.phases} phase${l.phases > 1 ? 's' : ''}` : ''}`;
  return { limit: { ...l, unit, limit }, from };
}

/** Why this load limit is not one a site can have, or null. */
export function loadLimitProblem(l: LoadLimit): string | null {
  const b = loadLimitBounds[l.unit];
  return Number.isFinite(l.limit) && l.limit >= b.min && l.limit <= b.max ? null : b.words;
}

/** Field ("sessionSeconds", "loadLimit.limit") to what is wrong with it; empty when the plan can run. */
export function planProblems(template: CommissioningTemplate | null | undefined): Record<string, string> {
  if (!template) return {};
  const found: Record<string, string> = {};
  const s = template.sessionSeconds;
  if (!Number.isInteger(s) || s < 10 || s > 3600) found.sessionSeconds = sessionWords;
  const limit = template.loadLimit && loadLimitProblem(template.loadLimit);
  if (limit) found['loadLimit.limit'] = limit;
  const parsed = CommissioningTemplate.safeParse(template);
  if (!parsed.success)
    for (const i of parsed.error.issues) {
      const key = i.path.join('.');
      found[key] ??= key.startsWith('loadLimit') && template.loadLimit ? loadLimitBounds[template.loadLimit.unit].words : i.message;
    }
  return found;
}
