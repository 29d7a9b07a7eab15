// The charger a run starts on: the connected ones, each busy one marked with what runs on it (a test run and
// its case in progress, a commissioning) and not offered, since the bench refuses a second run on a charger;
// and an earlier run's test data and declarations, for re-running its failed cases with what it ran with.
import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { useChargersBusy } from '../../components/busy';
import { ChargerBadges } from '../../components/ChargerBadges';
import { paths } from '../../app/routes';
import type { RunResult } from '../../../../shared/api/test-runs';
import type { ChargerView } from '../../../../shared/api/views';

/** What runs on a charger, in words, and where to see it. */
export interface Busy {
  words: string;
  to: string;
}

/** What runs on each of the chargers now (a test run with its case in progress, a commissioning), kept current from the events. */
export function useBusyChargers(ids: string[]): Record<string, Busy> {
  const client = useClient();
  const { busy } = useChargersBusy(ids, true);
  // The case in progress of each running run: from the list, then from the events (newer).
  const [caseOf, setCaseOf] = useState<Record<string, string | null>>({});
  useEffect(() => {
    let live = true;
    client.call('tests:list', {}).then(
      (runs) => live && setCaseOf((m) => ({ ...Object.fromEntries(runs.filter((r) => r.state === 'running').map((r) => [r.id, r.caseId ?? null])), ...m })),
      () => undefined,
    );
    const off = client.subscribe((events) => {
      for (const e of events) if (e.type === 'testRunChanged') setCaseOf((m) => (m[e.run.id] === e.run.caseId ? m : { ...m, [e.run.id]: e.run.caseId }));
    });
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return useMemo(() => {
    const out: Record<string, Busy> = {};
    for (const [id, b] of Object.entries(busy)) {
      if (b.testRun) {
        const c = caseOf[b.testRun];
        out[id] = { words: `${c ? `running ${c}` : 'running a test run'} in run ${b.testRun}`, to: paths.testRun(b.testRun) };
      } else if (b.commissioning) {
        out[id] = { words: `being commissioned (${[b.commissioning.site, b.commissioning.location].filter(Boolean).join(', ')})`, to: paths.commissioningOne(b.commissioning.id, 'checks') };
      }
    }
    return out;
  }, [busy, caseOf]);
}

/** The charger picker: connected chargers, a busy one shown with what runs on it and not to be picked. */
export function ChargerPicker({
  online,
  charger,
  busy,
  onCharger,
  error,
}: {
  online: ChargerView[];
  charger: string;
  busy: Record<string, Busy>;
  onCharger: (id: string) => void;
  error: string | null;
}) {
  const chosenBusy = busy[charger] ?? null;
  return (
    <Box>
      <TextField
        select
        fullWidth
        label="Charger"
        value={online.some((c) => c.id === charger) ? charger : ''}
        onChange={(e) => onCharger(e.target.value)}
        error={!!error}
        helperText={error ?? (online.length ? 'Connected chargers' : 'No charger is connected: point one at the bench, or create a virtual charger')}
        slotProps={{ formHelperText: { 'aria-live': 'assertive' } }}
      >
        {online.map((c) => (
          <MenuItem key={c.id} value={c.id} disabled={!!busy[c.id] && c.id !== charger} sx={{ flexWrap: 'wrap' }}>
            <Box component="span" sx={{ mr: 0.5 }}>
              {c.id}
              {c.boot ? ` · ${c.boot.chargePointVendor} ${c.boot.chargePointModel}` : ''}
            </Box>
            <ChargerBadges chargerId={c.id} compact />
            {busy[c.id] && (
              <Typography component="span" variant="caption" color="warning.main" sx={{ width: '100%' }}>
                Busy: {busy[c.id]!.words}
              </Typography>
            )}
          </MenuItem>
        ))}
      </TextField>
      {chosenBusy && (
        <Alert severity="warning" sx={{ mt: 1 }} aria-label="Charger busy">
          {charger} is {chosenBusy.words}: a run cannot start on it until that ends (or is stopped).{' '}
          <Link component={RouterLink} to={chosenBusy.to}>
            Open it
          </Link>
        </Alert>
      )}
    </Box>
  );
}

/** An earlier run (its id; null: none), read to start from its test data and declarations; applied once per run. */
export function useEarlierRun(runId: string | null, apply: (run: RunResult) => void): RunResult | null {
  const client = useClient();
  const [run, setRun] = useState<RunResult | null>(null);
  useEffect(() => {
    setRun(null);
    if (!runId) return;
    let live = true;
    client.call('tests:get', { runId }).then(
      (r) => {
        if (!live) return;
        setRun(r);
        apply(r);
      },
      () => undefined,
    );
    return () => void (live = false);
    // `apply` is the form's setter of the moment: only another run applies again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, runId]);
  return run;
}
