// Starting a conformance run: the charger (connected ones; a virtual one says so), the cases (all, a
// feature profile, chosen by id with a search, or the failed ones of an earlier run), the test data and
// what the charger has (fixed cable, lock, reader, back-up power; the feature profiles it reports,
// confirmed or corrected); what the run will do to the charger, said before it starts, and asked once more
// for a real charger or one the record holds a session open on. A refusal names the field at fault.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { useClient } from '../../api/context';
import { useCall, useLoad } from '../../components/useCall';
import { formatTime } from '../../components/format';
import { useBench } from '../../stores/bench';
import { useRunningLive } from '../../components/running';
import { StartConfirm } from './StartConfirm';
import { paths } from '../../app/routes';
import type { BenchArgs } from '../../../../shared/api/contract';
import { wallTimes, type CaseInfo, type RunListItem } from '../../../../shared/api/test-runs';
import { featureProfiles, type FeatureProfile } from '../../../../shared/ocpp16/actions';
import { changedData, dataFields, defaults, initialDataForm, type DataForm } from './testData';
import { useCases } from './useCases';
import { ChargerPicker, useBusyChargers, useEarlierRun } from './ChargerChoice';
import { FaultsOnWarning } from './InjectedFaults';
import { benchDefaults, connectorWarning, declaredCapabilities, testDataProblems, type Capabilities } from './startFormChecks';
import type { Capability } from '../../../../shared/api/test-runs';
import type { VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import { casesToRun, ConsequenceItems, consequencesOf, OperatorWords, type Choice } from './RunConsequences';
import { RerunWarnings, rerunWarnings } from './RerunWarnings';

export { RunningNow } from './RunningNow';

const problemsOf = (r: RunListItem) => r.summary.fail + r.summary.error + r.summary.inconclusive;

function CasePicker({ cases, picked, onChange, error }: { cases: CaseInfo[]; picked: string[]; onChange: (ids: string[]) => void; error: string | null }) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = q ? cases.filter((c) => c.id.toLowerCase().includes(q) || c.title.toLowerCase().includes(q) || c.section.startsWith(q)) : cases;
  const set = new Set(picked);
  const toggle = (id: string) => onChange(set.has(id) ? picked.filter((x) => x !== id) : [...picked, id]);
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <TextField size="small" label="Search cases" placeholder="TC_003, reservation, 2.5…" value={query} onChange={(e) => setQuery(e.target.value)} sx={{ flexGrow: 1 }} />
        <Button size="small" onClick={() => onChange([...new Set([...picked, ...shown.filter((c) => !c.notSupported).map((c) => c.id)])])}>
          Pick all shown
        </Button>
        <Button size="small" onClick={() => onChange([])} disabled={!picked.length}>
          Clear
        </Button>
      </Stack>
      <Paper sx={{ maxHeight: 260, overflow: 'auto', borderColor: error ? 'error.main' : undefined }} role="group" aria-label="Cases to run">
        {shown.map((c) => (
          <FormControlLabel
            key={c.id}
            sx={{ display: 'flex', mx: 0, px: 1, '&:hover': { bgcolor: 'action.hover' } }}
            control={<Checkbox size="small" checked={set.has(c.id)} onChange={() => toggle(c.id)} />}
            label={
              <Typography variant="body2">
                <b>{c.id}</b> {c.title}
                <Typography component="span" variant="caption" color="text.secondary">
                  {' '}
                  · {c.section} · {c.profile}
                  {c.notSupported ? ' · not supported yet' : ''}
                </Typography>
              </Typography>
            }
          />
        ))}
        {!shown.length && (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            No case matches “{query}”.
          </Typography>
        )}
      </Paper>
      <FormHelperText error={!!error}>{error ?? `${picked.length} picked`}</FormHelperText>
    </Box>
  );
}

/**
 * The feature profiles the run takes the charger to support: what it reports (SupportedFeatureProfiles,
 * read at the start of the run), or what the person declares instead. Choosing to declare them reads
 * what the charger reports now, to confirm or correct.
 */
function FeatureProfiles({ chargerId, declared, onChange }: { chargerId: string; declared: FeatureProfile[] | null; onChange: (p: FeatureProfile[] | null) => void }) {
  const client = useClient();
  const [reported, setReported] = useState<{ profiles: FeatureProfile[] | null; note: string | null } | null>(null);
  useEffect(() => setReported(null), [chargerId]);
  // The charger the form is on now: an answer about another one (picked before it came) is dropped.
  const current = useRef(chargerId);
  current.current = chargerId;
  const declare = async () => {
    const asked = chargerId;
    onChange([...featureProfiles]);
    setReported({ profiles: null, note: 'Reading SupportedFeatureProfiles…' });
    try {
      const r = await client.operate({ chargerId: asked, action: 'GetConfiguration', payload: { key: ['SupportedFeatureProfiles'] } });
      if (current.current !== asked) return;
      const value = r.outcome === 'completed' ? r.response.configurationKey?.find((k) => k.key === 'SupportedFeatureProfiles')?.value : undefined;
      if (value === undefined) {
        setReported({ profiles: null, note: `${chargerId} did not say which profiles it supports (${r.outcome === 'completed' ? 'no SupportedFeatureProfiles' : r.outcome}): check those it has.` });
        return;
      }
      const profiles = featureProfiles.filter((p) => value.split(',').some((v) => v.trim() === p));
      setReported({ profiles, note: null });
      onChange(profiles.includes('Core') ? profiles : ['Core', ...profiles]);
    } catch (e) {
      if (current.current !== asked) return;
      setReported({ profiles: null, note: `What ${chargerId} reports could not be read (${e instanceof Error ? e.message : String(e)}): check the profiles it has.` });
    }
  };
  const toggle = (p: FeatureProfile, on: boolean) => declared && onChange(featureProfiles.filter((x) => (x === p ? on : declared.includes(x))));
  return (
    <FormControl sx={{ mt: 1, display: 'block' }}>
      <FormLabel id="profiles-choice">Feature profiles</FormLabel>
      <RadioGroup
        row
        aria-labelledby="profiles-choice"
        value={declared ? 'declared' : 'reported'}
        onChange={(e) => {
          if (e.target.value === 'declared') return void declare();
          onChange(null);
          setReported(null);
        }}
      >
        <FormControlLabel value="reported" control={<Radio size="small" />} label="As the charger reports them" />
        <FormControlLabel value="declared" control={<Radio size="small" />} label="Confirm or correct them" disabled={!chargerId} />
      </RadioGroup>
      {declared && (
        <>
          <Typography variant="body2" color={reported?.profiles ? 'text.primary' : 'text.secondary'} role="status">
            {reported?.profiles ? `${chargerId} reports: ${reported.profiles.join(', ') || 'none'}. The run takes the profiles checked here.` : reported?.note}
          </Typography>
          <FormGroup row role="group" aria-label="Profiles the charger supports">
            {featureProfiles.map((p) => (
              <FormControlLabel
                key={p}
                label={`${p}${reported?.profiles && reported.profiles.includes(p) !== declared.includes(p) ? (declared.includes(p) ? ' (not reported)' : ' (reported)') : ''}`}
                control={<Checkbox size="small" checked={declared.includes(p)} disabled={p === 'Core'} onChange={(e) => toggle(p, e.target.checked)} />}
              />
            ))}
          </FormGroup>
        </>
      )}
    </FormControl>
  );
}

export function StartRunForm({ charger, onCharger, rerun }: { charger: string; onCharger: (id: string) => void; rerun: string | null }) {
  const client = useClient();
  const navigate = useNavigate();
  const chargers = useBench((s) => s.chargers);
  const online = useMemo(
    () =>
      Object.values(chargers)
        .filter((c) => c.connected)
        .sort((a, b) => a.id.localeCompare(b.id)),
    [chargers],
  );
  const { cases, error: casesError } = useCases();
  const chosen = chargers[charger] ?? null;

  const [choice, setChoice] = useState<Choice>(rerun ? 'rerun' : 'all');
  const [profile, setProfile] = useState('Core');
  const [picked, setPicked] = useState<string[]>([]);
  const [rerunOf, setRerunOf] = useState(rerun ?? '');
  const [data, setData] = useState<DataForm>(initialDataForm);
  const [dataOpen, setDataOpen] = useState(false);
  const [declared, setDeclared] = useState<Capabilities>(benchDefaults);
  // What the bench knows of the charger without a declaration (a virtual one's definition, else its defaults):
  // only what the person sets otherwise is declared. `keep`: what the earlier run a re-run repeats declared.
  const [definition, setDefinition] = useState<VirtualChargerView['definition'] | null>(null);
  const known = useMemo<Capabilities>(() => (definition ? { ...benchDefaults, fixedCable: definition.fixedCable, backupPower: definition.backupPower } : benchDefaults), [definition]);
  const virtualConnectors = typeof definition?.connectors === 'number' ? definition.connectors : null;
  const [keep, setKeep] = useState<Capability[]>([]);
  const [profilesDeclared, setProfilesDeclared] = useState<FeatureProfile[] | null>(null);
  const [confirming, setConfirming] = useState(false);

  // A virtual charger's fixed cable and back-up power are known: the switches start from them. Another
  // charger starts from the defaults (a socket, no back-up power), not from the last one's.
  useEffect(() => {
    setDeclared((d) => ({ ...d, fixedCable: false, backupPower: false }));
    setDefinition(null);
    if (!chosen?.virtual) return;
    let live = true;
    client.call('virtualChargers:get', { id: chosen.id }).then(
      ({ definition }) => {
        if (!live) return;
        setDeclared((d) => ({ ...d, fixedCable: definition.fixedCable, backupPower: definition.backupPower }));
        setDefinition(definition);
      },
      () => undefined,
    );
    return () => void (live = false);
  }, [client, chosen?.id, chosen?.virtual]);
  useEffect(() => setProfilesDeclared(null), [charger]);

  useEffect(() => {
    if (rerun) {
      setChoice('rerun');
      setRerunOf(rerun);
    }
  }, [rerun]);

  // Re-running an earlier run's failed cases: with the test data and declarations it ran with (changeable here).
  const from = useEarlierRun(choice === 'rerun' && rerunOf ? rerunOf : null, (r) => {
    setData(Object.fromEntries(dataFields.map((f) => [f.key, String(r.data[f.key] ?? defaults[f.key] ?? '')])));
    if (r.pics) {
      setDeclared({ fixedCable: r.pics.fixedCable, connectorLock: r.pics.connectorLock, reader: r.pics.reader, backupPower: r.pics.backupPower });
      setKeep(Object.keys(r.declared ?? {}).filter((k): k is Capability => k in benchDefaults));
      setProfilesDeclared(r.pics.profilesFrom === 'declared' ? r.pics.profiles : null);
    }
  });
  // What is not as the earlier run started (the charger's firmware now, what it left not put back): said, and asked about.
  const since = useMemo(() => (from && charger ? rerunWarnings(charger, chosen?.boot ?? null, from) : []), [from, charger, chosen?.boot]);
  const earlier = useLoad(() => (charger ? client.call('tests:list', { chargerId: charger }) : Promise.resolve([] as RunListItem[])), [client, charger]);
  const withProblems = (earlier.data ?? []).filter((r) => r.state !== 'running' && problemsOf(r) > 0);

  const profiles = useMemo(() => {
    const count = new Map<string, number>();
    for (const c of cases ?? []) count.set(c.profile, (count.get(c.profile) ?? 0) + 1);
    return [...count.entries()];
  }, [cases]);

  const count =
    choice === 'all'
      ? (cases?.length ?? 0)
      : choice === 'profile'
        ? (cases ?? []).filter((c) => c.profile === profile).length
        : choice === 'pick'
          ? picked.length
          : problemsOf(withProblems.find((r) => r.id === rerunOf) ?? ({ summary: { fail: 0, error: 0, inconclusive: 0 } } as RunListItem));

  // What the run does to the charger: from what the cases it runs do (a case not supported yet is reported so, not run).
  const toRun = useMemo(() => casesToRun(choice, cases ?? [], profile, picked, choice === 'rerun' ? from : null), [cases, choice, profile, picked, from]);
  const said = useMemo(() => consequencesOf(cases, toRun), [cases, toRun]);
  const notRunYet = (choice === 'all' || choice === 'profile') && toRun ? count - toRun.length : 0;
  const unsupported = (cases ?? []).filter((c) => c.notSupported).length;

  useEffect(() => setKeep([]), [rerunOf]);
  const args = (): BenchArgs<'tests:start'> => {
    const a: BenchArgs<'tests:start'> = { chargerId: charger };
    const said = { ...declaredCapabilities(declared, known, choice === 'rerun' ? keep : []), ...(profilesDeclared && { profiles: profilesDeclared }) };
    if (Object.keys(said).length) a.declared = said;
    if (choice === 'profile') a.profile = profile as BenchArgs<'tests:start'>['profile'];
    if (choice === 'pick') a.cases = picked;
    if (choice === 'rerun') a.rerunFailedOf = rerunOf;
    const changed = changedData(data, choice === 'rerun' && !!from);
    if (Object.keys(changed).length) a.data = changed as BenchArgs<'tests:start'>['data'];
    return a;
  };
  const [start, go] = useCall(async () => {
    const { runId } = await client.call('tests:start', args());
    navigate(paths.testRun(runId));
    return runId;
  });
  useEffect(() => {
    if (start.field?.startsWith('data.')) setDataOpen(true);
  }, [start.field]);

  // The test data as typed, checked by the bench's own schema, and the connector against the charger's:
  // a built-in virtual charger's count is certain (it holds Start); a real one's, from the connectors it has
  // reported, is only a warning (the bench reads NumberOfConnectors at the start and is the judge).
  const reported = (chosen?.connectors ?? []).reduce((n, c) => Math.max(n, c.connectorId), 0);
  const problems = useMemo(() => testDataProblems(data, virtualConnectors), [data, virtualConnectors]);
  const problemList = Object.values(problems);
  useEffect(() => {
    if (problemList.length) setDataOpen(true);
  }, [problemList.length]);
  const fieldError = (name: string) => (name.startsWith('data.') ? problems[name.slice(5)] : undefined) ?? (start.field === name ? start.error : null);
  const connectorNote = virtualConnectors === null && !fieldError('data.connectorId') ? connectorWarning(data, reported, problems) : null;
  const virtual = chosen?.virtual ?? false;
  // A charger a run or a commissioning is on: the bench refuses a second run there, so none is offered.
  const busy = useBusyChargers(useMemo(() => online.map((c) => c.id), [online]));
  const ready = !!charger && count > 0 && (choice !== 'rerun' || !!rerunOf) && !busy[charger] && !problemList.length;
  // A virtual charger is asked about too when the record holds a session open on it (one someone started
  // there, which the run ends; or one it leaves as it is, lost at a reboot or not running: named with why).
  const heldOnIt = useRunningLive(charger);
  const asks = !virtual || heldOnIt.length > 0 || since.length > 0;
  const submit = () => (asks ? setConfirming(true) : void go());

  return (
    <Paper component="section" aria-label="Start a run" sx={{ p: 2.5 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        Start a run
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 3 }}>
        <Stack spacing={2.5}>
          <ChargerPicker online={online} charger={charger} busy={busy} onCharger={onCharger} error={fieldError('chargerId')} />

          <FormControl error={!!(fieldError('cases') || fieldError('rerunFailedOf'))}>
            <FormLabel id="cases-choice">Cases</FormLabel>
            <RadioGroup aria-labelledby="cases-choice" value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
              <FormControlLabel
                value="all"
                control={<Radio size="small" />}
                label={`All cases (${cases?.length ?? '…'})${unsupported ? `, ${unsupported} of them not supported yet (reported so, not run)` : ''}: those that do not apply are reported Not applicable`}
              />
              <FormControlLabel value="profile" control={<Radio size="small" />} label="One feature profile" />
              <FormControlLabel value="pick" control={<Radio size="small" />} label="Chosen by id" />
              <FormControlLabel value="rerun" control={<Radio size="small" />} label="The failed cases of an earlier run" disabled={!withProblems.length && choice !== 'rerun'} />
            </RadioGroup>
            {(fieldError('cases') || fieldError('rerunFailedOf')) && choice !== 'pick' && <FormHelperText>{fieldError('cases') ?? fieldError('rerunFailedOf')}</FormHelperText>}
          </FormControl>
          {casesError && <Alert severity="error">{casesError}</Alert>}
          {choice === 'profile' && (
            <TextField select size="small" label="Feature profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
              {profiles.map(([p, n]) => (
                <MenuItem key={p} value={p}>
                  {p} ({n} cases)
                </MenuItem>
              ))}
            </TextField>
          )}
          {choice === 'pick' && cases && <CasePicker cases={cases} picked={picked} onChange={setPicked} error={fieldError('cases')} />}
          {choice === 'rerun' && (
            <TextField select size="small" label="Earlier run" value={withProblems.some((r) => r.id === rerunOf) ? rerunOf : ''} onChange={(e) => setRerunOf(e.target.value)}>
              {withProblems.map((r) => (
                <MenuItem key={r.id} value={r.id}>
                  {formatTime(r.wallStartedAt ?? r.startedAt)}: {problemsOf(r)} failed, erred or inconclusive
                </MenuItem>
              ))}
            </TextField>
          )}
        </Stack>

        <Stack spacing={2}>
          {from && (
            <Alert severity="info" aria-label="From the earlier run">
              Test data and what the charger has are from run {from.id} ({formatTime(wallTimes(from).started)}), as it ran: change them here if needed.
            </Alert>
          )}
          {from && <RerunWarnings runId={from.id} warnings={since} />}
          <Accordion expanded={dataOpen} onChange={(_e, open) => setDataOpen(open)} disableGutters>
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Box>
                <Typography variant="subtitle2">Test data</Typography>
                <Typography variant="body2" color="text.secondary">
                  Connector {data.connectorId || defaults.connectorId}, idTag {data.validIdTag || defaults.validIdTag}, operator time limit {data.operatorTimeoutS || defaults.operatorTimeoutS} s
                  {Object.keys(changedData(data)).length ? ` · ${Object.keys(changedData(data)).length} changed` : ' · defaults'}
                </Typography>
              </Box>
            </AccordionSummary>
            <AccordionDetails>
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 1.5 }}>
                {dataFields.map((f) => (
                  <TextField
                    key={f.key}
                    size="small"
                    label={f.label}
                    value={data[f.key] ?? ''}
                    onChange={(e) => setData((d) => ({ ...d, [f.key]: e.target.value }))}
                    error={!!fieldError(`data.${f.key}`)}
                    helperText={fieldError(`data.${f.key}`) ?? (f.key === 'connectorId' ? connectorNote : null) ?? f.help ?? `Default ${String(defaults[f.key])}`}
                    slotProps={{
                      htmlInput: { inputMode: f.kind === 'int' ? 'numeric' : 'text', spellCheck: false },
                      formHelperText: { 'aria-live': 'assertive', ...(f.key === 'connectorId' && connectorNote && { sx: { color: 'warning.main' } }) },
                    }}
                  />
                ))}
              </Box>
              <Button size="small" sx={{ mt: 1 }} onClick={() => setData(initialDataForm())}>
                Back to the defaults
              </Button>
            </AccordionDetails>
          </Accordion>

          <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 2, py: 1, m: 0 }}>
            <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
              What the charger has
            </Typography>
            <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 2 }}>
              <FormControlLabel control={<Switch checked={declared.fixedCable} onChange={(e) => setDeclared((d) => ({ ...d, fixedCable: e.target.checked }))} />} label="Fixed cable (no socket)" />
              <FormControlLabel control={<Switch checked={declared.connectorLock} onChange={(e) => setDeclared((d) => ({ ...d, connectorLock: e.target.checked }))} />} label="Connector lock" />
              <FormControlLabel control={<Switch checked={declared.reader} onChange={(e) => setDeclared((d) => ({ ...d, reader: e.target.checked }))} />} label="Card reader" />
              <FormControlLabel
                control={<Switch checked={declared.backupPower} onChange={(e) => setDeclared((d) => ({ ...d, backupPower: e.target.checked }))} />}
                label="Back-up power (ends its sessions before a power cut takes it down)"
              />
            </Stack>
            <FeatureProfiles chargerId={charger} declared={profilesDeclared} onChange={setProfilesDeclared} />
            <Typography variant="caption" color="text.secondary">
              Connectors are read from the charger (NumberOfConnectors).
            </Typography>
          </Box>

          <FaultsOnWarning chargerId={charger} />
          <Alert severity={charger && !virtual ? 'warning' : 'info'} aria-label="What will happen">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {charger ? `During the run the bench takes ${charger} over:` : 'During a run the bench takes the charger over:'}
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              <ConsequenceItems said={said} body />
            </Box>
            {notRunYet > 0 && (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                Counted over the {toRun?.length} cases the run carries out: {notRunYet} not supported yet {notRunYet === 1 ? 'is' : 'are'} reported so, not run.
              </Typography>
            )}
            <OperatorWords said={said} virtual={virtual} />
          </Alert>

          {/* Any refusal by the Start button, where it was clicked (the field at fault is marked too). */}
          {start.error && (
            <Alert severity="error" aria-label="The run did not start">
              {start.error}
            </Alert>
          )}
          {problemList.length > 0 && (
            <Alert severity="error" aria-label="Test data to correct">
              Correct the test data before starting: {problemList.join('; ')}.
            </Alert>
          )}
          <Box>
            <Button variant="contained" size="large" startIcon={<PlayArrowIcon />} disabled={!ready || start.pending} onClick={submit}>
              {charger ? `Start ${count} case${count === 1 ? '' : 's'} on ${charger}${asks ? '…' : ''}` : 'Start the run'}
            </Button>
          </Box>
        </Stack>
      </Box>

      <StartConfirm
        open={confirming}
        charger={charger}
        count={count}
        virtual={virtual}
        boot={chosen?.boot ?? null}
        said={said}
        operatorTimeoutS={data.operatorTimeoutS || defaults.operatorTimeoutS}
        from={from}
        since={since}
        onCancel={() => setConfirming(false)}
        onStart={() => {
          setConfirming(false);
          void go();
        }}
      />
    </Paper>
  );
}
