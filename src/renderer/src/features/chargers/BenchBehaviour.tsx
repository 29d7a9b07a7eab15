// The bench misbehaving toward one charger on purpose, by hand: the charger page's "Bench behaviour" tab
// (the boot answer and interval, an idTag status for every card, a CALLERROR, a late answer or none per
// action, a wrong clock, and the bench unreachable for a while, asked first) and the chip in its header.
// What is active is the bench's word (read, then kept current from its events, whoever changed it: this
// window, the API, a test case), shown apart from the form being edited, with one "Back to normal".
import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useNow } from '../../components/reach';
import { formatClock } from '../../components/format';
import { plural } from '../../components/running';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionFaultTable, SelectField, SwitchRow } from '../../components/fault-parts';
import { useChargerBusy, type ChargerBusy } from '../../components/busy';
import { ActionMisbehaviour, actionMisbehaviourWords, BenchBehaviour, behaviourWords, type BenchBehaviourView } from '../../../../shared/api/bench-behaviour';
import { AuthorizationStatus, RegistrationStatus } from '../../../../shared/ocpp16/enums';
import { chargePointActions, type ChargePointAction } from '../../../../shared/ocpp16/actions';
import { errorCodes } from '../../../../shared/ocpp16/frames';

type Feedback = { severity: 'success' | 'error'; text: string };

export interface BehaviourState {
  /** What the bench does now (null until read). */
  view: BenchBehaviourView | null;
  error: string | null;
  /** A test run running on the charger sets the behaviour itself, case by case. */
  runningRun: string | null;
  /** A commissioning running on the charger sets it too, check by check. */
  commissioning: string | null;
  /** What runs on the charger now (a test run, a commissioning). */
  busy: ChargerBusy;
  /** Takes the view a call answered with at once (its event follows). */
  show: (view: BenchBehaviourView) => void;
}

/** How the bench behaves toward a charger now, kept current from the bench's events. */
export function useBenchBehaviour(chargerId: string): BehaviourState {
  const client = useClient();
  const [view, setView] = useState<BenchBehaviourView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useChargerBusy(chargerId);
  useEffect(() => {
    let live = true;
    // A change pushed while the view is being read is newer than what the read answers.
    let pushed = false;
    setView(null);
    const read = () => {
      pushed = false;
      client.call('chargers:behaviour', { id: chargerId }).then(
        (v) => {
          if (!live || pushed) return;
          setView(v);
          setError(null);
        },
        (e: Error) => live && setError(e.message),
      );
    };
    const offEvents = client.subscribe((events) => {
      for (const e of events) {
        if (e.type === 'benchBehaviourChanged' && e.behaviour.chargerId === chargerId) {
          pushed = true;
          setView(e.behaviour);
        }
      }
    });
    // After the link was lost, changes may have been missed.
    const offLink = client.onLink((link) => link === 'open' && read());
    read();
    return () => {
      live = false;
      offEvents();
      offLink();
    };
  }, [client, chargerId]);
  return { view, error, runningRun: busy.testRun, commissioning: busy.commissioning?.id ?? null, busy, show: setView };
}

/** Seconds the charger is still refused, or 0. */
function refusedFor(view: BenchBehaviourView | null, now: number): number {
  return view?.refusedUntil ? Math.max(0, Math.ceil((Date.parse(view.refusedUntil) - now) / 1000)) : 0;
}

/** The header's chip while the bench misbehaves toward the charger; nothing while it behaves. */
export function BenchBehaviourChip({ state, onOpen }: { state: BehaviourState; onOpen: () => void }) {
  const now = useNow(1000);
  const words = state.view ? behaviourWords(state.view.behaviour) : [];
  const refused = refusedFor(state.view, now);
  if (!words.length && !refused) return null;
  const label = refused ? `Bench refusing it for ${refused} s` : `Bench misbehaving on purpose: ${words.length} ${words.length === 1 ? 'fault' : 'faults'}`;
  return (
    <Tooltip title={[...(refused ? [`Connections refused for another ${refused} s`] : []), ...words].join('; ')}>
      <Chip size="small" color="warning" icon={<WarningAmberIcon />} label={label} onClick={onOpen} />
    </Tooltip>
  );
}

/** The form being edited: each fault on or off, with its values as typed. */
interface Draft {
  boot: boolean;
  bootStatus: RegistrationStatus;
  bootInterval: string;
  idTag: boolean;
  idTagStatus: AuthorizationStatus;
  clock: boolean;
  offset: string;
  actions: Partial<Record<ChargePointAction, ActionMisbehaviour>>;
}

const draftOf = (b: BenchBehaviour): Draft => ({
  boot: !!b.boot,
  bootStatus: b.boot?.status ?? 'Rejected',
  bootInterval: b.boot?.interval === undefined ? '' : String(b.boot.interval),
  idTag: !!b.idTagStatus,
  idTagStatus: b.idTagStatus ?? 'Blocked',
  clock: b.timeOffsetSeconds !== undefined,
  offset: String(b.timeOffsetSeconds ?? 3600),
  actions: b.actions ?? {},
});

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** A number of seconds as typed, with what is wrong with it. */
function Seconds({
  problem,
  width,
  onChange,
  ...field
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (v: string) => void;
  problem: string | null;
  width: number;
  disabled: boolean;
}) {
  return <TextField size="small" {...field} onChange={(e) => onChange(e.target.value)} error={!!problem} helperText={problem ?? undefined} sx={{ width }} />;
}

const modeWords: Record<ActionMisbehaviour['mode'], string> = { callError: 'With a CALLERROR', delay: 'Late', withhold: 'Never' };

/** The behaviour the form describes (checked by the caller against the shared schema). */
function behaviourOf(d: Draft): unknown {
  return {
    ...(d.boot ? { boot: { status: d.bootStatus, ...(d.bootInterval.trim() ? { interval: num(d.bootInterval) } : {}) } } : {}),
    ...(d.idTag ? { idTagStatus: d.idTagStatus } : {}),
    ...(Object.keys(d.actions).length ? { actions: d.actions } : {}),
    ...(d.clock ? { timeOffsetSeconds: num(d.offset) } : {}),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(BenchBehaviour.safeParse(a).data ?? a) === JSON.stringify(BenchBehaviour.safeParse(b).data ?? b);

export function BenchBehaviourPanel({ chargerId, state }: { chargerId: string; state: BehaviourState }) {
  const client = useClient();
  const linkOpen = useBench((s) => s.link === 'open');
  const now = useNow(1000);
  const { view, runningRun, commissioning } = state;
  const [draft, setDraft] = useState<Draft>(() => draftOf(view?.behaviour ?? {}));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [offlineSeconds, setOfflineSeconds] = useState('60');
  const [confirmOffline, setConfirmOffline] = useState(false);
  // What the bench does now shows in the form until the person edits it.
  useEffect(() => {
    if (view && !touched) setDraft(draftOf(view.behaviour));
  }, [view, touched]);

  const edit = (patch: Partial<Draft>) => {
    setTouched(true);
    setFeedback(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const parsed = BenchBehaviour.safeParse(behaviourOf(draft));
  const fieldError = (field: string) => (parsed.success ? null : (parsed.error.issues.find((i) => i.path.join('.').startsWith(field))?.message ?? null));
  const active = view ? behaviourWords(view.behaviour) : [];
  const refused = refusedFor(view, now);
  const dirty = !!view && !same(behaviourOf(draft), view.behaviour);
  const blocked = !linkOpen
    ? 'The link to the bench is lost: nothing can be changed until it is back.'
    : runningRun
      ? `A test run is running on ${chargerId}: its cases set the bench's behaviour themselves.`
      : commissioning
        ? `${chargerId} is being commissioned: its checks set the bench's behaviour themselves.`
        : null;
  const seconds = num(offlineSeconds);
  const secondsOk = Number.isInteger(seconds) && seconds >= 1 && seconds <= 86_400;

  const call = async (what: string, go: () => Promise<BenchBehaviourView>, done: string) => {
    setBusy(true);
    setFeedback(null);
    try {
      const v = await go();
      state.show(v);
      setTouched(false);
      setDraft(draftOf(v.behaviour));
      setFeedback({ severity: 'success', text: done });
    } catch (e) {
      setFeedback({ severity: 'error', text: `${what}: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.success) return;
    void call('Could not apply', () => client.call('chargers:setBehaviour', { id: chargerId, behaviour: parsed.data }), `Applied: the bench now answers ${chargerId} as set here.`);
  };
  const backToNormal = () =>
    call(
      'Could not go back to normal',
      async () => {
        const v = await client.call('chargers:setBehaviour', { id: chargerId, behaviour: {} });
        return v.refusedUntil ? client.call('chargers:backOnline', { id: chargerId }) : v;
      },
      `Back to normal: the bench answers ${chargerId} as a good central system.`,
    );

  const [action, setAction] = useState<ChargePointAction>('Heartbeat');
  const [mode, setMode] = useState<ActionMisbehaviour['mode']>('callError');
  const [errorCode, setErrorCode] = useState<ActionMisbehaviour['errorCode']>('InternalError');
  const [delay, setDelay] = useState('10');
  const delayOk = ActionMisbehaviour.shape.delaySeconds.unwrap().safeParse(num(delay)).success;
  const addAction = () =>
    edit({ actions: { ...draft.actions, [action]: ActionMisbehaviour.parse({ mode, ...(mode === 'delay' ? { delaySeconds: num(delay) } : {}), ...(mode === 'callError' ? { errorCode } : {}) }) } });
  const removeAction = (name: string) => {
    const rest = { ...draft.actions };
    delete rest[name as ChargePointAction];
    edit({ actions: rest });
  };
  const off = busy || !!blocked;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, pb: 2 }}>
      {state.error && (
        <Alert severity="error">
          The bench's behaviour toward {chargerId} could not be read: {state.error}
        </Alert>
      )}
      {view && (
        <Alert
          severity={active.length || refused ? 'warning' : 'success'}
          aria-label="Active now"
          action={
            (active.length > 0 || refused > 0) && (
              <Button color="inherit" variant="outlined" size="small" disabled={off} onClick={() => void backToNormal()}>
                Back to normal
              </Button>
            )
          }
        >
          <AlertTitle>
            {active.length || refused ? `Active now: the bench misbehaves toward ${chargerId} on purpose` : `Active now: nothing. The bench answers ${chargerId} as a good central system.`}
          </AlertTitle>
          {(active.length > 0 || refused > 0) && (
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {refused > 0 && (
                <li>
                  Refusing its connections until {formatClock(view.refusedUntil!)} ({refused} s left)
                </li>
              )}
              {active.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </Box>
          )}
        </Alert>
      )}
      {blocked && <Alert severity="info">{blocked}</Alert>}

      <Paper component="form" variant="outlined" sx={{ p: 2 }} onSubmit={apply} aria-label="Bench behaviour">
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          Server-side faults
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          How the bench answers {chargerId} until you change it back, to see how the charger copes. Nothing changes until you apply.
        </Typography>
        <SwitchRow
          label="Answer BootNotification differently"
          explains="The status (and heartbeat interval) of the bench's next boot answers, over the charger's boot policy."
          checked={draft.boot}
          disabled={off}
          onToggle={(boot) => edit({ boot })}
        >
          {draft.boot && <SelectField label="Status" value={draft.bootStatus} options={RegistrationStatus.options} onChange={(bootStatus) => edit({ bootStatus })} width={140} disabled={off} />}
          {draft.boot && (
            <Seconds
              label="Interval (s)"
              placeholder="the bench's"
              value={draft.bootInterval}
              onChange={(v) => edit({ bootInterval: v })}
              problem={fieldError('boot.interval') ? 'A whole number from 0 to 86400' : null}
              width={150}
              disabled={off}
            />
          )}
        </SwitchRow>
        <SwitchRow
          label="Answer every idTag the same"
          explains="Authorize, StartTransaction and StopTransaction get this status for any card, whatever the bench's list says."
          checked={draft.idTag}
          disabled={off}
          onToggle={(idTag) => edit({ idTag })}
        >
          {draft.idTag && (
            <SelectField label="idTag status" value={draft.idTagStatus} options={AuthorizationStatus.options} onChange={(idTagStatus) => edit({ idTagStatus })} width={170} disabled={off} />
          )}
        </SwitchRow>
        <SwitchRow
          label="Tell a wrong time"
          explains="Seconds added to the time the bench tells the charger (BootNotification, Heartbeat); negative: behind."
          checked={draft.clock}
          disabled={off}
          onToggle={(clock) => edit({ clock })}
        >
          {draft.clock && (
            <Seconds
              label="Offset (s)"
              value={draft.offset}
              onChange={(v) => edit({ offset: v })}
              problem={fieldError('timeOffsetSeconds') ? 'Whole seconds, at most a year either way' : null}
              width={150}
              disabled={off}
            />
          )}
        </SwitchRow>

        <Typography sx={{ fontWeight: 600, mt: 2 }}>Per action</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          The charger's calls of one action answered with a CALLERROR, late, or not at all.
        </Typography>
        <ActionFaultTable
          rows={Object.entries(draft.actions).map(([name, m]) => [name, actionMisbehaviourWords(m!)])}
          label="Actions answered differently"
          removeLabel={(name) => `Answer ${name} normally`}
          disabled={off}
          onRemove={removeAction}
        />
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <SelectField label="Action" value={action} options={chargePointActions} onChange={setAction} width={260} disabled={off} />
          <SelectField label="Answer" value={mode} options={ActionMisbehaviour.shape.mode.options} words={(m) => modeWords[m]} onChange={setMode} width={200} disabled={off} />
          {mode === 'callError' && <SelectField label="Error code" value={errorCode} options={errorCodes} onChange={setErrorCode} width={240} disabled={off} />}
          {mode === 'delay' && <Seconds label="Delay (s)" value={delay} onChange={setDelay} problem={delayOk ? null : 'From 1 to 3600 s'} width={130} disabled={off} />}
          <Button variant="outlined" color="warning" disabled={off || (mode === 'delay' && !delayOk)} onClick={addAction} sx={{ height: 40 }}>
            {action in draft.actions ? `Replace ${action}` : `Add ${action}`}
          </Button>
        </Stack>

        <Stack direction="row" spacing={1} sx={{ mt: 2.5, alignItems: 'center' }}>
          <Button type="submit" variant="contained" color="warning" disabled={off || !dirty || !parsed.success} loading={busy}>
            Apply to {chargerId}
          </Button>
          <Button
            disabled={off || !touched}
            onClick={() => {
              setTouched(false);
              setDraft(draftOf(view?.behaviour ?? {}));
            }}
          >
            Discard changes
          </Button>
          {dirty && (
            <Typography variant="body2" color="warning.main" role="status">
              Not applied yet: the bench still does what “Active now” says.
            </Typography>
          )}
        </Stack>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Unreachable bench">
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          Unreachable central system
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          The bench drops {chargerId}'s connection and refuses it for a while, as a central system that is down; the refusals are in the connection log with the reason.
        </Typography>
        {refused > 0 ? (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2" role="status">
              Refused for another {refused} s (until {formatClock(view!.refusedUntil!)}).
            </Typography>
            <Button variant="outlined" disabled={off} onClick={() => void call('Could not let it in', () => client.call('chargers:backOnline', { id: chargerId }), `${chargerId} may connect again.`)}>
              Let it in now
            </Button>
          </Stack>
        ) : (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <Seconds label="For (s)" value={offlineSeconds} onChange={setOfflineSeconds} problem={secondsOk ? null : 'From 1 to 86400 s'} width={130} disabled={off} />
            <Button variant="outlined" color="warning" disabled={off || !secondsOk} onClick={() => setConfirmOffline(true)} sx={{ height: 40 }}>
              Go offline…
            </Button>
          </Stack>
        )}
      </Paper>

      {feedback && (
        <Alert severity={feedback.severity} onClose={() => setFeedback(null)}>
          {feedback.text}
        </Alert>
      )}

      <ConfirmDialog
        open={confirmOffline}
        title={`Make the bench unreachable for ${chargerId}?`}
        chargerId={chargerId}
        target={`${chargerId} · its connection to the bench`}
        consequence={(running) =>
          `The bench closes ${chargerId}'s connection and refuses it for ${secondsOk ? seconds : '?'} s: to the charger the central system is down. ${
            running.length
              ? `${plural(running.length, 'session')} on it go on or stop as its offline settings say; it queues their messages until it is back.`
              : 'It queues its messages and reconnects once the bench lets it in.'
          }`
        }
        confirmLabel={`Refuse ${chargerId} for ${secondsOk ? seconds : '?'} s`}
        dangerous
        onCancel={() => setConfirmOffline(false)}
        onConfirm={() => {
          setConfirmOffline(false);
          void call('Could not go offline', () => client.call('chargers:goOffline', { id: chargerId, seconds }), `The bench refuses ${chargerId} for ${seconds} s.`);
        }}
      />
    </Stack>
  );
}
