// The Settings form's model: the saved settings as editable text, what changed, and each bad field's
// message in words, checked with the same schema the bench checks with.
import { SettingsPatch } from '../../../../shared/api/commands';
import { portClashes, type PortsInEffect } from '../../../../shared/api/settings';
import { issueWords } from '../../../../shared/api/issues';
import type { BenchSettings } from '../../../../shared/api/views';
import type { BenchStatus } from '../../../../shared/api/status';
import type { RegistrationStatus } from '../../../../shared/ocpp16/enums';

export interface SettingsDraft {
  defaultBootStatus: RegistrationStatus;
  heartbeatInterval: string;
  authorization: BenchSettings['authorization'];
  callTimeout: string;
  requirePassword: boolean;
  unknownChargers: BenchSettings['unknownChargers'];
  ocppPort: string;
  ftpPort: string;
  /** null keeps everything. */
  retentionDays: number | null;
}

export type SettingsField = keyof SettingsDraft;

export const fieldLabels: Record<SettingsField, string> = {
  defaultBootStatus: 'Boot answer',
  heartbeatInterval: 'Heartbeat interval',
  authorization: 'idTag authorization',
  callTimeout: 'Call timeout',
  requirePassword: 'Require a password',
  unknownChargers: 'Unknown chargers',
  ocppPort: 'OCPP port',
  ftpPort: 'FTP port',
  retentionDays: 'Keep data',
};

const numberFields = ['heartbeatInterval', 'callTimeout', 'ocppPort', 'ftpPort'] as const;

export function toDraft(s: BenchSettings): SettingsDraft {
  return {
    defaultBootStatus: s.defaultBootStatus,
    heartbeatInterval: String(s.heartbeatInterval),
    authorization: s.authorization,
    callTimeout: String(s.callTimeout),
    requirePassword: s.requirePassword,
    unknownChargers: s.unknownChargers,
    ocppPort: String(s.ocppPort),
    ftpPort: String(s.ftpPort),
    retentionDays: s.retentionDays || null,
  };
}

/** The ports the bench listens on now, as its status says (serve's API port too, so a setting may not take it). */
export function portsInEffect(status: Pick<BenchStatus, 'port' | 'ftp' | 'apiPort'> | null): PortsInEffect {
  return { ocpp: status?.port, ftp: status?.ftp?.port, api: status?.apiPort };
}

/** What a typed number means: empty and non-numbers stay NaN for the schema to name. */
const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/**
 * The patch that turns `saved` into `draft` (only the fields that differ) and, per field, why it cannot
 * be saved: the schema's rules, and a port that collides with another of the bench's (`now`: the ports it
 * listens on now, as its status says). Nothing is sent while `errors` has an entry.
 */
export function changes(saved: BenchSettings, draft: SettingsDraft, now: PortsInEffect = {}): { patch: SettingsPatch; errors: Partial<Record<SettingsField, string>> } {
  const patch: Record<string, unknown> = {};
  const errors: Partial<Record<SettingsField, string>> = {};
  const base = toDraft(saved);
  for (const key of Object.keys(draft) as SettingsField[]) {
    if (draft[key] === base[key]) continue;
    if ((numberFields as readonly string[]).includes(key)) {
      const text = draft[key] as string;
      const n = toNumber(text);
      if (text.trim() === '') errors[key] = `Enter the ${fieldLabels[key].toLowerCase()}`;
      // "300" and "300.0" are the same setting.
      else if (n === saved[key as (typeof numberFields)[number]]) continue;
      patch[key] = n;
    } else patch[key] = draft[key];
  }
  const checked = SettingsPatch.safeParse(patch);
  if (!checked.success) for (const [key, message] of Object.entries(issueWords(checked.error, { key: 'first', labels: fieldLabels }))) errors[key as SettingsField] ??= message;
  else for (const [key, message] of Object.entries(portClashes(saved, checked.data, now))) errors[key as SettingsField] ??= `${fieldLabels[key as SettingsField]} ${message}`;
  return { patch: patch as SettingsPatch, errors };
}

/** The bench's own message for a field ("Invalid … field "x": must be …") as the field's message. */
export function fieldMessage(field: SettingsField, message: string): string {
  const m = /field "[^"]*": (.*)$/s.exec(message);
  return m ? `${fieldLabels[field]} ${m[1]}` : message;
}
