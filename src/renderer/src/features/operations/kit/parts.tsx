// Building blocks the operation panels share: what a panel knows (PanelContext), the panel frame, the
// send button that knows whether the charger is online, the result in plain words, and the fields.
import { createContext, useContext, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button, { type ButtonProps } from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Collapse from '@mui/material/Collapse';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { visuallyHidden } from '@mui/utils';
import type { ChargerView } from '../../../../../shared/api/views';
import type { OperationResult } from '../../../../../shared/api/contract';
import { monoFont } from '../../../app/theme';
import type { OperationAction } from './actions';
import { explain, type Explained } from './meanings';
import type { OperationState } from './useOperation';
import { fieldState, type FieldErrors } from './form';
import { WaitingAlert } from './InFlight';
import { AnswerFrameLink } from './AnswerFrameLink';
import { formatClock } from '../../../components/format';
import { neverConnected } from '../../../components/reach';
import { useLastKnownNote } from '../../../components/lastKnownNote';

/** What every panel needs to know: the charger it works on, and what an answer means. */
export interface PanelContextValue {
  chargerId: string;
  charger: ChargerView | undefined;
  /** Something can be sent: the charger is connected and the bench within reach of this window. */
  online: boolean;
  /** Why nothing can be sent now, in words. */
  offlineReason?: string | null;
  connectorIds: number[];
  /**
   * An answer in words, with the meanings its action declares. Handed down rather than imported: the
   * registry that holds the meanings imports the panels, which import this kit.
   */
  explain: (action: OperationAction, result: OperationResult, chargerId?: string, neverConnected?: boolean) => Explained;
  /** The operation panel shown (in the operations tab): what a panel sends is kept under it for the charger. */
  page?: OperationAction;
}
export const PanelContext = createContext<PanelContextValue>({
  chargerId: '',
  charger: undefined,
  online: false,
  connectorIds: [1],
  explain: (action, result, chargerId, never) => explain(action, result, undefined, chargerId, never),
});
export const usePanel = () => useContext(PanelContext);

export function PanelShell({ title, action, description, children }: { title: string; action?: string; description: ReactNode; children: ReactNode }) {
  return (
    <Stack spacing={2} component="section" aria-label={title}>
      <Box>
        <Typography variant="h6" component="h2">
          {title}
          {/* Read aloud as "Remote start · RemoteStartTransaction", not run together; on screen the gap separates them. */}
          {action && (
            <>
              {' '}
              <Box component="span" sx={visuallyHidden}>
                ·
              </Box>{' '}
              <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 0.5, fontFamily: monoFont }}>
                {action}
              </Typography>
            </>
          )}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      </Box>
      {children}
    </Stack>
  );
}

/** The send button: disabled while the charger is offline (the form stays usable) or while waiting for an answer. */
export function SendButton({ pending, children, onClick, color = 'primary', ...rest }: { pending: boolean; children: ReactNode; onClick: () => void } & Omit<ButtonProps, 'onClick' | 'children'>) {
  const { online, chargerId, offlineReason } = usePanel();
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
      <Button
        variant="contained"
        color={color}
        disabled={!online || pending || rest.disabled}
        onClick={onClick}
        startIcon={pending ? <CircularProgress size={16} color="inherit" /> : undefined}
        {...rest}
      >
        {children}
      </Button>
      {!online && (
        <Typography variant="body2" color="text.secondary">
          {offlineReason ?? `${chargerId} is offline: connect it to send.`}
        </Typography>
      )}
    </Stack>
  );
}

/** What was sent, in the protocol's field names, for a note that sets it apart ("connectorId 1, type Inoperative"); at most 160 characters. */
export function requestSummary(request: unknown): string {
  const fields = (o: object, depth: number): string =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        if (Array.isArray(v)) return `${k}: ${v.length} ${v.length === 1 ? 'entry' : 'entries'}`;
        if (typeof v === 'object' && v !== null) return depth > 0 ? `${k} {${fields(v, depth - 1)}}` : `${k} {…}`;
        return `${k} ${String(v)}`;
      })
      .join(', ');
  const text = typeof request === 'object' && request !== null ? fields(request, 1) : '';
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** What an outcome shown under a form that has changed since its send answers: said plainly above it, naming what was sent. */
export function staleWords(kind: 'result' | 'pending' | 'failure', requestedAt?: string | null, request?: unknown): string {
  const what = requestSummary(request);
  const sent = `the request sent ${requestedAt ? `at ${formatClock(requestedAt)}` : 'before'}${what ? ` (${what})` : ''}`;
  const words =
    kind === 'pending'
      ? `this waits for the answer to ${sent}, not to what the form shows now`
      : kind === 'failure'
        ? `this is about ${sent}, not about what the form shows now`
        : `this is the answer to ${sent}, not to what the form shows now`;
  return `The form has changed since: ${words}.`;
}

/** The words above an outcome whose request the form no longer shows (`formChanged`); nothing otherwise. */
export function StaleNote({ op, kind = 'result' }: { op: Pick<Partial<OperationState>, 'formChanged' | 'requestedAt' | 'request'>; kind?: 'result' | 'pending' | 'failure' }) {
  if (!op.formChanged) return null;
  return (
    <Typography variant="body2" color="text.secondary" data-testid="outcome-stale" sx={{ mb: 0.5 }}>
      {staleWords(kind, op.requestedAt, op.request)}
    </Typography>
  );
}

/** A waiting alert made secondary, as an outlined one, when the form has changed since (WaitingAlert has no variant of its own). */
const secondaryWait = { '& .MuiAlert-root': { bgcolor: 'transparent', border: 1, borderColor: 'info.main' } } as const;

/**
 * The last operation's result with what it means, or the bench's refusal; while waiting, a spinner that
 * says whether it is queued behind another call or sent (and when its answer is due). When the form above
 * has changed since it was sent (`op.formChanged`, from useOperationForm), it is shown as secondary and
 * said to belong to the request sent then, not to what the form shows now.
 */
export function OperationOutcome({
  op,
  sent,
  children,
}: {
  op: Pick<OperationState, 'pending' | 'action' | 'result' | 'failure'> & Pick<Partial<OperationState>, 'ref' | 'requestedAt' | 'settledAt' | 'formChanged' | 'request'>;
  /** What was sent, in words ("Hard reset"), named by the outcome instead of the bare action: the form may show another choice by now. */
  sent?: string;
  /** What the answer carries besides its status (e.g. a DataTransfer's data), shown in the result. */
  children?: ReactNode;
}) {
  const { chargerId } = usePanel();
  const stale = !!op.formChanged;
  if (op.pending)
    return (
      <Box sx={stale ? secondaryWait : undefined}>
        <StaleNote op={op} kind="pending" />
        <WaitingAlert chargerId={chargerId} action={op.action} opRef={op.ref} />
      </Box>
    );
  if (op.failure) {
    const { status, field, message } = op.failure;
    // Only a 4xx is a refusal before sending; a lost link or a 5xx may come after the CALL went out.
    const refused = status !== undefined && status >= 400 && status < 500;
    return (
      <Box>
        {!refused && <StaleNote op={op} kind="failure" />}
        <Alert severity="error" role="alert" variant={stale && !refused ? 'outlined' : 'standard'}>
          <AlertTitle>{refused ? 'Nothing was sent' : `It is not known whether ${sent ?? op.action ?? 'the operation'} reached ${chargerId}`}</AlertTitle>
          {refused && field ? `The bench refused the request: ${message}. The field is marked above.` : message}
          {!refused && ` Check the message log for ${chargerId} before sending it again.`}
        </Alert>
      </Box>
    );
  }
  if (op.result && op.action)
    return (
      <Box>
        <StaleNote op={op} />
        <ResultAlert action={op.action} result={op.result} sent={sent} stale={stale}>
          {children}
        </ResultAlert>
        {/* Shown again after the panel was left: when it was asked for and answered, so an old answer is not taken for a new one. */}
        {op.requestedAt && op.settledAt && (
          <Typography variant="caption" color="text.secondary">
            Asked at {formatClock(op.requestedAt)}; outcome at {formatClock(op.settledAt)}.
          </Typography>
        )}
      </Box>
    );
  return null;
}

/** An answer in words; `stale`: it answers a request the form above no longer shows, so it is shown as secondary (outlined). */
export function ResultAlert({ action, result, sent, stale = false, children }: { action: OperationAction; result: OperationResult; sent?: string; stale?: boolean; children?: ReactNode }) {
  const [details, setDetails] = useState(false);
  const panel = usePanel();
  const explained = panel.explain(action, result, panel.chargerId || undefined, !!panel.charger && neverConnected(panel.charger));
  // The charger's answer (a CALLRESULT, valid or not, or a CALLERROR); a timeout or a charger offline has none to show.
  const raw = result.outcome === 'completed' || result.outcome === 'invalidResponse' ? result.response : result.outcome === 'callError' ? result.error : undefined;
  return (
    <Alert severity={explained.tone} variant={stale ? 'outlined' : 'standard'} role="status" aria-live="polite">
      <AlertTitle>
        {sent ?? action}: {explained.headline}
      </AlertTitle>
      {explained.meaning}
      {result.outcome === 'invalidResponse' && panel.chargerId && result.messageId && <AnswerFrameLink chargerId={panel.chargerId} messageId={result.messageId} />}
      {children}
      {raw !== undefined && (
        <Box>
          <Link component="button" type="button" variant="body2" onClick={() => setDetails((d) => !d)} aria-expanded={details} sx={{ mt: 0.5 }}>
            {details ? 'Hide the answer' : 'Show the answer'}
          </Link>
          <Collapse in={details} unmountOnExit>
            <Box component="pre" sx={{ fontFamily: monoFont, fontSize: 12, m: 0, mt: 0.5, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(raw, null, 2)}
            </Box>
          </Collapse>
        </Box>
      )}
    </Alert>
  );
}

/** Select props so that an option with the value '' (e.g. "Any connector") shows as chosen rather than as a bare label. */
export const showEmpty = { select: { displayEmpty: true }, inputLabel: { shrink: true } } as const;

/**
 * "Connector 2 · Charging"; while the charger is not live (`lastKnown`) its status is the last it sent, said
 * so and greyed: "Connector 2 · Charging (last known)".
 */
export function ConnectorLabel({ charger, id, lastKnown }: { charger: ChargerView | undefined; id: number; lastKnown: boolean }) {
  const c = charger?.connectors.find((x) => x.connectorId === id);
  const name = id === 0 ? 'Whole charger (connector 0)' : `Connector ${id}`;
  if (!c) return <>{name}</>;
  if (!lastKnown) return <>{`${name} · ${c.status}`}</>;
  return (
    <>
      {`${name} · `}
      <Box component="span" sx={{ color: 'text.secondary' }}>{`${c.status} (last known)`}</Box>
    </>
  );
}

/**
 * The caption of a connector choice while the charger is not live (`note`: useLastKnownNote's) and its
 * statuses are known: "Statuses as last known (VCP2 is offline, last seen …)"; undefined while it is live.
 */
export function statusesAsLastKnown(note: string | null, charger: ChargerView | undefined): string | undefined {
  return note !== null && charger?.connectors.length ? `Statuses as last known (${note})` : undefined;
}

/**
 * A connector picker from the charger's real connectors, with optional extra choices: `none` (the
 * value '' meaning "not given") and connector 0.
 */
export function ConnectorSelect({
  label = 'Connector',
  value,
  onChange,
  withZero = false,
  none,
  errors = {},
  path = 'connectorId',
  helper,
  sx,
}: {
  label?: string;
  value: string;
  onChange: (v: string) => void;
  withZero?: boolean;
  none?: string;
  errors?: FieldErrors;
  path?: string;
  helper?: string;
  sx?: TextFieldProps['sx'];
}) {
  const { charger, chargerId, connectorIds } = usePanel();
  const ids = withZero ? [0, ...connectorIds] : connectorIds;
  // Offline (or the link down, or its heartbeat overdue): the statuses listed are the last it sent, as Remote stop says of its sessions.
  const lastKnown = useLastKnownNote(chargerId);
  const said = [statusesAsLastKnown(lastKnown, charger), helper].filter(Boolean).join('. ') || undefined;
  return (
    <TextField
      select
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 240, ...sx }}
      {...fieldState(errors, path, said)}
      slotProps={none !== undefined ? showEmpty : undefined}
    >
      {none !== undefined && <MenuItem value="">{none}</MenuItem>}
      {ids.map((id) => (
        <MenuItem key={id} value={String(id)}>
          <ConnectorLabel charger={charger} id={id} lastKnown={lastKnown !== null} />
        </MenuItem>
      ))}
    </TextField>
  );
}

/** An idTag field with its 20-character limit counted as you type. */
export function IdTagField({
  label = 'idTag',
  value,
  onChange,
  errors,
  path,
  required = true,
}: {
  label?: string;
  value: string;
  onChange: (v: string) => void;
  errors: FieldErrors;
  path: string;
  required?: boolean;
}) {
  const state = fieldState(errors, path, `${value.length}/20 characters`);
  return (
    <TextField
      label={label}
      value={value}
      required={required}
      onChange={(e) => onChange(e.target.value)}
      {...state}
      slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', style: { fontFamily: monoFont } } }}
      sx={{ minWidth: 300 }}
    />
  );
}

/** The header of a column of remove buttons: named for screen readers, blank on screen. */
export function RemoveColumnHeader({ align }: { align?: 'right' }) {
  return (
    <TableCell align={align} sx={{ width: 48 }}>
      <Box component="span" sx={visuallyHidden}>
        Remove
      </Box>
    </TableCell>
  );
}
