// The diagnostic bundle for the charger maker (zip): the report (HTML, and PDF where one could be printed),
// every frame of the commissioning's runs as JSON lines, the configuration before and after, the identity,
// the whole commissioning as JSON, and a SHA-256 manifest. The evidence (frames, configurations,
// identity) has one SHA-256 the report names: that of its manifest lines.
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { CommissioningView } from '../../../shared/api/commissioning';

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const manifest = (files: Record<string, Uint8Array>) =>
  Object.entries(files)
    .map(([name, data]) => `${sha256(data)}  ${name}\n`)
    .join('');

/** The evidence files of a commissioning, and their SHA-256 (of their SHA256SUMS lines, in this order). */
export function evidenceOf(view: CommissioningView, framesJsonl: string): { files: Record<string, Uint8Array>; sha256: string } {
  const identity = view.steps.find((s) => s.id === 'C3_IDENTITY')?.result?.measurements ?? [];
  const files: Record<string, Uint8Array> = {
    'frames.jsonl': strToU8(framesJsonl),
    'config-before.json': strToU8(json(view.configBefore)),
    'config-after.json': strToU8(json(view.configAfter)),
    'identity.json': strToU8(json({ chargerId: view.chargerId, virtual: view.virtual, ...view.identity, bootNotification: Object.fromEntries(identity.map((m) => [m.label, m.value])) })),
  };
  return { files, sha256: sha256(manifest(files)) };
}

export function commissioningBundle(input: { view: CommissioningView; evidence: Record<string, Uint8Array>; html: string; pdf: Uint8Array | null }): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'report.html': strToU8(input.html),
    ...(input.pdf ? { 'report.pdf': input.pdf } : {}),
    ...input.evidence,
    'commissioning.json': strToU8(json(input.view)),
  };
  files['SHA256SUMS'] = strToU8(manifest(files));
  const fixed = new Date(input.view.updatedAt);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: fixed }]])));
}
