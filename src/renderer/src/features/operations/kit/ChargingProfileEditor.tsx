// The charging profile editor (remote start's optional TxProfile and SetChargingProfile): purpose,
// stack level, kind, recurrency, unit and a schedule's periods, kept as form text until sent. A stack
// level the bench cannot check (the charger's ChargeProfileMaxStackLevel unread) is said under the field.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { ChargingProfileKindType, ChargingProfilePurposeType, type ChargingRateUnitType } from '../../../../../shared/ocpp16';
import { compact, dateOrText, fieldState, numberOrText, toLocalInput, type FieldErrors } from './form';
import { RemoveColumnHeader, usePanel } from './parts';
import { useOperation } from './useOperation';
import { useBench } from '../../../stores/bench';
import { benchNow } from '../../../components/benchClock';

export interface PeriodDraft {
  startPeriod: string;
  limit: string;
  numberPhases: string;
}

export interface ProfileDraft {
  chargingProfileId: string;
  stackLevel: string;
  purpose: ChargingProfilePurposeType;
  kind: ChargingProfileKindType;
  recurrencyKind: '' | 'Daily' | 'Weekly';
  transactionId: string;
  validFrom: string;
  validTo: string;
  duration: string;
  startSchedule: string;
  unit: ChargingRateUnitType;
  minChargingRate: string;
  periods: PeriodDraft[];
}

export function newProfileDraft(purpose: ChargingProfilePurposeType = 'TxDefaultProfile'): ProfileDraft {
  // A TxProfile usually runs from the start of charging; the others from a point in time.
  const relative = purpose === 'TxProfile';
  return {
    chargingProfileId: '1',
    stackLevel: '0',
    purpose,
    kind: relative ? 'Relative' : 'Absolute',
    recurrencyKind: '',
    transactionId: '',
    validFrom: '',
    validTo: '',
    duration: '',
    startSchedule: relative ? '' : toLocalInput(new Date(benchNow())),
    unit: 'A',
    minChargingRate: '',
    periods: [{ startPeriod: '0', limit: '16', numberPhases: '' }],
  };
}

/** The draft as an OCPP ChargingProfile (left to the schema to judge). */
export function profileFromDraft(d: ProfileDraft): Record<string, unknown> {
  return compact({
    chargingProfileId: numberOrText(d.chargingProfileId),
    transactionId: d.purpose === 'TxProfile' ? numberOrText(d.transactionId) : undefined,
    stackLevel: numberOrText(d.stackLevel),
    chargingProfilePurpose: d.purpose,
    chargingProfileKind: d.kind,
    recurrencyKind: d.kind === 'Recurring' && d.recurrencyKind ? d.recurrencyKind : undefined,
    validFrom: dateOrText(d.validFrom),
    validTo: dateOrText(d.validTo),
    chargingSchedule: compact({
      duration: numberOrText(d.duration),
      startSchedule: d.kind === 'Relative' ? undefined : dateOrText(d.startSchedule),
      chargingRateUnit: d.unit,
      chargingSchedulePeriod: d.periods.map((p) => compact({ startPeriod: numberOrText(p.startPeriod), limit: numberOrText(p.limit), numberPhases: numberOrText(p.numberPhases) })),
      minChargingRate: numberOrText(d.minChargingRate),
    }),
  });
}

/** What the spec asks beyond the schema. */
export function profileDraftErrors(d: ProfileDraft, prefix: string): FieldErrors {
  const errors: FieldErrors = {};
  if (d.kind === 'Recurring' && !d.recurrencyKind) errors[`${prefix}.recurrencyKind`] = 'Required for a Recurring profile: Daily or Weekly';
  return errors;
}

const purposeHelp: Record<ChargingProfilePurposeType, string> = {
  ChargePointMaxProfile: 'Limit for the whole charger (connector 0)',
  TxDefaultProfile: 'Default for new transactions',
  TxProfile: 'For one running transaction',
};

export function ChargingProfileEditor({
  value,
  onChange,
  errors,
  prefix,
  fixedPurpose,
  showTransactionId = true,
}: {
  value: ProfileDraft;
  onChange: (d: ProfileDraft) => void;
  errors: FieldErrors;
  prefix: string;
  fixedPurpose?: boolean;
  showTransactionId?: boolean;
}) {
  const set = <K extends keyof ProfileDraft>(k: K, v: ProfileDraft[K]) => onChange({ ...value, [k]: v });
  // The charger's ChargeProfileMaxStackLevel, once a GetConfiguration answer reported it; read on request
  // (the bench learns it from the answer), kept apart from what the panel sends.
  const { chargerId, online } = usePanel();
  const maxStackLevel = useBench((s) => s.limits[chargerId]?.maxStackLevel);
  const readLimit = useOperation<'GetConfiguration'>(chargerId, 'ChargeProfileMaxStackLevel');
  const unreported = readLimit.result?.outcome === 'completed' && !readLimit.pending;
  const stackLevelHelp =
    maxStackLevel !== undefined
      ? `0 to ${maxStackLevel} on this charger; higher wins over lower`
      : `Higher wins over lower. Sent unchecked: ${unreported ? 'the charger did not report its ChargeProfileMaxStackLevel' : "the charger's ChargeProfileMaxStackLevel has not been read"}`;
  const at = (p: string) => `${prefix}.${p}`;
  const sched = (p: string) => `${prefix}.chargingSchedule.${p}`;
  const setPeriod = (i: number, k: keyof PeriodDraft, v: string) =>
    set(
      'periods',
      value.periods.map((p, j) => (j === i ? { ...p, [k]: v } : p)),
    );
  const lastStart = Number(value.periods[value.periods.length - 1]?.startPeriod) || 0;
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 } as const;
  return (
    <Stack spacing={2} role="group" aria-label="Charging profile">
      <Box sx={grid}>
        <TextField label="Profile id" value={value.chargingProfileId} onChange={(e) => set('chargingProfileId', e.target.value)} required {...fieldState(errors, at('chargingProfileId'))} />
        <TextField
          label="Stack level"
          value={value.stackLevel}
          onChange={(e) => set('stackLevel', e.target.value)}
          required
          // A wrong value is said in place of the note: it is not sent at all until it is put right.
          {...fieldState(errors, at('stackLevel'), stackLevelHelp)}
          slotProps={{
            input: {
              endAdornment: maxStackLevel === undefined && (
                <InputAdornment position="end">
                  <Button
                    size="small"
                    aria-label="Read it: the charger's ChargeProfileMaxStackLevel"
                    disabled={!online || readLimit.pending}
                    onClick={() => void readLimit.send('GetConfiguration', { key: ['ChargeProfileMaxStackLevel'] })}
                  >
                    Read it
                  </Button>
                </InputAdornment>
              ),
            },
          }}
        />
        <TextField
          select
          label="Purpose"
          value={value.purpose}
          onChange={(e) => set('purpose', e.target.value as ChargingProfilePurposeType)}
          disabled={fixedPurpose}
          {...fieldState(errors, at('chargingProfilePurpose'), purposeHelp[value.purpose])}
        >
          {ChargingProfilePurposeType.options.map((p) => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Kind"
          value={value.kind}
          onChange={(e) => set('kind', e.target.value as ChargingProfileKindType)}
          {...fieldState(
            errors,
            at('chargingProfileKind'),
            value.kind === 'Relative' ? 'From the start of charging' : value.kind === 'Recurring' ? 'Repeats from the start schedule' : 'From the start schedule',
          )}
        >
          {ChargingProfileKindType.options.map((k) => (
            <MenuItem key={k} value={k}>
              {k}
            </MenuItem>
          ))}
        </TextField>
        {value.kind === 'Recurring' && (
          <TextField
            select
            label="Recurrency"
            value={value.recurrencyKind}
            onChange={(e) => set('recurrencyKind', e.target.value as ProfileDraft['recurrencyKind'])}
            {...fieldState(errors, at('recurrencyKind'))}
          >
            <MenuItem value="Daily">Daily</MenuItem>
            <MenuItem value="Weekly">Weekly</MenuItem>
          </TextField>
        )}
        {showTransactionId && value.purpose === 'TxProfile' && (
          <TextField
            label="Transaction id"
            value={value.transactionId}
            onChange={(e) => set('transactionId', e.target.value)}
            {...fieldState(errors, at('transactionId'), 'Optional: the running transaction')}
          />
        )}
        <TextField
          label="Valid from"
          type="datetime-local"
          value={value.validFrom}
          onChange={(e) => set('validFrom', e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          {...fieldState(errors, at('validFrom'), 'Optional')}
        />
        <TextField
          label="Valid to"
          type="datetime-local"
          value={value.validTo}
          onChange={(e) => set('validTo', e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          {...fieldState(errors, at('validTo'), 'Optional')}
        />
      </Box>
      <Typography variant="subtitle2" component="h3">
        Schedule
      </Typography>
      <Box sx={grid}>
        <Box>
          <Typography variant="caption" color="text.secondary" id={`${prefix}-unit-label`} component="div">
            Charging rate unit
          </Typography>
          <ToggleButtonGroup
            exclusive
            size="small"
            sx={{ '& .MuiToggleButton-root': { textTransform: 'none' } }}
            value={value.unit}
            onChange={(_, u: ChargingRateUnitType | null) => u && set('unit', u)}
            aria-labelledby={`${prefix}-unit-label`}
          >
            <ToggleButton value="A">Amperes (A)</ToggleButton>
            <ToggleButton value="W">Watts (W)</ToggleButton>
          </ToggleButtonGroup>
        </Box>
        {value.kind !== 'Relative' && (
          <TextField
            label="Start schedule"
            type="datetime-local"
            value={value.startSchedule}
            onChange={(e) => set('startSchedule', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            {...fieldState(errors, sched('startSchedule'), 'When period offsets count from')}
          />
        )}
        <TextField label="Duration (s)" value={value.duration} onChange={(e) => set('duration', e.target.value)} {...fieldState(errors, sched('duration'), 'Optional: blank means open-ended')} />
        <TextField
          label={`Min charging rate (${value.unit})`}
          value={value.minChargingRate}
          onChange={(e) => set('minChargingRate', e.target.value)}
          {...fieldState(errors, sched('minChargingRate'), 'Optional')}
        />
      </Box>
      <Table size="small" aria-label="Schedule periods">
        <TableHead>
          <TableRow>
            <TableCell>Start offset (s)</TableCell>
            <TableCell>Limit ({value.unit})</TableCell>
            <TableCell>Phases</TableCell>
            <RemoveColumnHeader align="right" />
          </TableRow>
        </TableHead>
        <TableBody>
          {value.periods.map((p, i) => {
            const path = (k: string) => sched(`chargingSchedulePeriod.${i}.${k}`);
            return (
              <TableRow key={i}>
                <TableCell>
                  <TextField
                    size="small"
                    value={p.startPeriod}
                    onChange={(e) => setPeriod(i, 'startPeriod', e.target.value)}
                    slotProps={{ htmlInput: { 'aria-label': `Period ${i + 1} start offset (s)` } }}
                    {...fieldState(errors, path('startPeriod'))}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    value={p.limit}
                    onChange={(e) => setPeriod(i, 'limit', e.target.value)}
                    slotProps={{ htmlInput: { 'aria-label': `Period ${i + 1} limit (${value.unit})` } }}
                    {...fieldState(errors, path('limit'))}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    value={p.numberPhases}
                    placeholder="any"
                    onChange={(e) => setPeriod(i, 'numberPhases', e.target.value)}
                    slotProps={{ htmlInput: { 'aria-label': `Period ${i + 1} number of phases` } }}
                    {...fieldState(errors, path('numberPhases'))}
                  />
                </TableCell>
                <TableCell align="right">
                  <IconButton
                    aria-label={`Remove period ${i + 1}`}
                    disabled={value.periods.length === 1}
                    onClick={() =>
                      set(
                        'periods',
                        value.periods.filter((_, j) => j !== i),
                      )
                    }
                  >
                    <DeleteOutlinedIcon />
                  </IconButton>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {errors[sched('chargingSchedulePeriod')] && (
        <Typography color="error" variant="body2">
          Periods: {errors[sched('chargingSchedulePeriod')]}
        </Typography>
      )}
      <Box>
        <Button
          startIcon={<AddIcon />}
          onClick={() => set('periods', [...value.periods, { startPeriod: String(lastStart + 3600), limit: value.periods[value.periods.length - 1]?.limit ?? '', numberPhases: '' }])}
        >
          Add period
        </Button>
      </Box>
    </Stack>
  );
}
