// Before re-running an earlier run's failed cases (the Start form and its confirmation): what is not as it
// was when that run started, which the new verdicts will owe to: the charger's firmware now (its last
// BootNotification) against the one that run started with, the identity it reports, and what that run left
// not put back at its end (a firmware a case installed).
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';
import type { RunResult } from '../../../../shared/api/test-runs';
import type { BootRecord } from '../../../../shared/records';
import { rerunFirmwareWords, rerunOrigin } from '../../../../shared/api/rerun-words';

type Identity = RunResult['charger'];

const identityWords = (c: Identity) => `${[c.vendor, c.model].filter(Boolean).join(' ') || 'an unnamed charger'}${c.serial ? ` (serial ${c.serial})` : ' (no serial)'}`;

/** What differs, in sentences, between the charger now (`boot`: its last BootNotification) and as `earlier` started on it; none when nothing does. */
export function rerunWarnings(chargerId: string, boot: BootRecord | null, earlier: RunResult): string[] {
  const out: string[] = [];
  const now = boot?.firmwareVersion ?? null;
  const firmware = rerunFirmwareWords(chargerId, now, rerunOrigin(earlier), false, boot !== null);
  if (firmware) out.push(firmware);
  const then = earlier.charger;
  if (boot && (then.vendor !== null || then.model !== null || then.serial !== null)) {
    const current: Identity = { vendor: boot.chargePointVendor, model: boot.chargePointModel, serial: boot.chargePointSerialNumber ?? null, firmware: now };
    if (current.vendor !== then.vendor || current.model !== then.model || current.serial !== then.serial)
      out.push(`${chargerId} now reports itself as ${identityWords(current)}; run ${earlier.id} ran on ${identityWords(then)}: these verdicts will be for the charger as it is now`);
  }
  // A firmware the run left installed that has been put back since is said so.
  const putBackSince = earlier.firmwareAtEnd !== undefined && earlier.firmwareAtEnd !== then.firmware && then.firmware !== null && now === then.firmware;
  for (const p of earlier.notPutBackAtEnd ?? []) out.push(`Run ${earlier.id} did not put this back at its end: ${p}${putBackSince ? ` (${chargerId} runs ${then.firmware} again now)` : ''}`);
  return out;
}

/** The warnings, when there are any, in the form and in its confirmation. */
export function RerunWarnings({ runId, warnings, sx }: { runId: string; warnings: string[]; sx?: SxProps<Theme> }) {
  if (!warnings.length) return null;
  return (
    <Alert severity="warning" sx={sx} aria-label="Not as the earlier run started">
      Not as run {runId} started: a verdict that differs from it may be down to this, not the charger’s behaviour.
      <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
        {warnings.map((w) => (
          <li key={w}>{w}.</li>
        ))}
      </Box>
    </Alert>
  );
}
