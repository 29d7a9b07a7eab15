// Step 3, the plan: a template (built-in or saved) with the baseline the site's back office requires, the
// offline policy and the test card; the session length (5 minutes by default, shorter allowed and noted) and
// the site's load limit, each field saying what is wrong with it as it is typed (plan-checks.ts). The
// templates themselves are managed here (TemplateTools).
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { useLoad } from '../../components/useCall';
import { Facts } from '../../components/Facts';
import { formatPower } from '../../components/format';
import { monoFont } from '../../app/theme';
import { offlinePolicyWords, type CommissioningTemplate } from '../../../../shared/api/commissioning';
import { setDraft, useDraft } from './draft';
import { convertedLimit, FULL_SESSION_S, limitWatts, planProblems } from './plan-checks';
import { groupedWords } from '../../../../shared/format/reading';
import { TemplateTools } from './TemplateTools';
import { UnreadableTemplates } from './UnreadableTemplates';
import { heartbeatWarning, useBenchHeartbeat } from './boot-interval';
import { StepNav } from './WizardScreen';

type LoadLimit = NonNullable<CommissioningTemplate['loadLimit']>;

/** The plan in words; `problems` (planProblems, while it is edited): a value not valid reads as what is wrong with it, never as a plan. */
export function PlanSummary({ template, problems = {} }: { template: CommissioningTemplate; problems?: Record<string, string> }) {
  const keys = Object.entries(template.keys);
  const notValid = (field: string) => problems[field] && `Not valid yet: ${problems[field]}`;
  return (
    <Stack spacing={2}>
      <Facts
        items={[
          ['Template', template.name],
          ['Offline policy wanted', offlinePolicyWords[template.offlinePolicy]],
          ['Test card', <span style={{ fontFamily: monoFont }}>{template.testIdTag}</span>],
          ['Test session', notValid('sessionSeconds') || `${template.sessionSeconds} s${template.sessionSeconds < FULL_SESSION_S ? ' (shorter than 5 minutes: noted in the report)' : ''}`],
          ['Plausible power', `${formatPower(template.minPowerW)} to ${formatPower(template.ratedPowerW)}`],
          ['Clock difference allowed', `${template.maxClockSkewS} s`],
          [
            'Load limit',
            notValid('loadLimit.limit') ||
              (template.loadLimit
                ? `${template.loadLimit.limit} ${template.loadLimit.unit}${template.loadLimit.unit === 'A' ? ` per phase, ${template.loadLimit.phases} phase${template.loadLimit.phases > 1 ? 's' : ''}` : ''} (${formatPower(limitWatts(template.loadLimit))})`
                : 'None'),
          ],
        ]}
      />
      {keys.length > 0 ? (
        <Table size="small" aria-label="Configuration baseline" sx={{ maxWidth: 720 }}>
          <TableHead>
            <TableRow>
              <TableCell>Key</TableCell>
              <TableCell>Wanted value</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.map(([k, v]) => (
              <TableRow key={k}>
                <TableCell sx={{ fontFamily: monoFont }}>{k}</TableCell>
                <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>{v}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2" color="text.secondary">
          No configuration baseline: no key is set.
        </Typography>
      )}
    </Stack>
  );
}

/**
 * What is typed as a number; NaN when it is none. A comma is a decimal comma ("16,5" A), except where only
 * whole numbers are meant (W, seconds): there "11,000" or "1,200" is grouped by thousands.
 */
export function numberOf(text: string, comma: 'decimal' | 'thousands' = 'decimal'): number {
  const t = text.trim();
  if (t === '') return NaN;
  if (comma === 'thousands' && /^\d{1,3}(,\d{3})+$/.test(t)) return Number(t.replace(/,/g, ''));
  return Number(t.replace(/^(-?\d*),(\d+)$/, '$1.$2'));
}

/** A number field that keeps what is typed and hands on a number (NaN while it is none). */
function NumberInput({
  label,
  value,
  onChange,
  error,
  helper,
  width = 180,
  comma = 'decimal',
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  error?: string;
  helper?: string;
  width?: number;
  /** What a comma in it is: a decimal comma, or (for whole numbers) a thousands separator. */
  comma?: 'decimal' | 'thousands';
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText((t) => (Object.is(numberOf(t, comma), value) ? t : String(value))), [value, comma]);
  // Whole numbers grouped with a point ("11.000" W): 11 or 11,000? Said as the checklist says it of "1,000".
  const grouped = comma === 'thousands' ? groupedWords(text, '.') : null;
  return (
    <TextField
      label={label}
      size="small"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(numberOf(e.target.value, comma));
      }}
      error={!!(grouped ?? error)}
      helperText={grouped ?? error ?? helper}
      slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      sx={{ width }}
    />
  );
}

export function PlanStep({ back, next }: { back: () => void; next: () => void }) {
  const client = useClient();
  const template = useDraft((d) => d.template);
  const templates = useLoad(() => client.call('commissioning:templates', {}), [client]);
  const all = [...(templates.data?.builtIn ?? []), ...(templates.data?.saved ?? [])];
  const builtIn = new Set(templates.data?.builtIn.map((t) => t.name));
  // Saved by another version and not readable here: shown (greyed, with why), never chosen; they can be deleted.
  const unreadable = templates.data?.unreadable ?? [];
  // A field says what is wrong with it once it has been edited (as it is typed), and every field once Next was tried.
  const [edited, setEdited] = useState<Record<string, boolean>>({});
  const [tried, setTried] = useState(false);
  // What the load limit was converted from when its unit was switched (said beside it until it is typed again).
  const [convertedFrom, setConvertedFrom] = useState<string | null>(null);
  const problems = planProblems(template);
  // The bench's boot answer undoes a HeartbeatInterval that differs from it at the plan's reset: said here.
  const heartbeat = heartbeatWarning(template, useBenchHeartbeat());
  const errors = Object.fromEntries(Object.entries(problems).filter(([k]) => tried || edited[k]));

  // The recommended built-in until one is chosen.
  useEffect(() => {
    if (!template && templates.data?.builtIn.length) setDraft({ template: templates.data.builtIn[0] });
  }, [template, templates.data]);

  const patch = (p: Partial<CommissioningTemplate>, field?: string) => {
    if (!template) return;
    setDraft({ template: { ...template, ...p } });
    if (field) setEdited((e) => (e[field] ? e : { ...e, [field]: true }));
  };
  const check = () => {
    setTried(true);
    return !Object.keys(problems).length;
  };
  const saved = template && all.find((t) => t.name === template.name);
  const changed = !!saved && JSON.stringify(saved) !== JSON.stringify(template);

  return (
    <Stack spacing={3}>
      {templates.error && <Alert severity="error">Could not read the templates: {templates.error}</Alert>}
      <Grid container spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextField
            select
            fullWidth
            label="Template"
            value={template && all.some((t) => t.name === template.name) ? template.name : ''}
            onChange={(e) => {
              const t = all.find((x) => x.name === e.target.value);
              if (t) setDraft({ template: t });
            }}
            helperText={
              template && !saved
                ? `${template.name}: not saved (save it to use it again)`
                : changed
                  ? 'Changed here for this charger (save it as a template to keep the change)'
                  : 'What the site’s back office requires of the charger'
            }
          >
            {all.map((t) => (
              <MenuItem key={t.name} value={t.name}>
                {t.name}
                {builtIn.has(t.name) ? ' (built-in)' : ''}
              </MenuItem>
            ))}
            {unreadable.map((t) => (
              <MenuItem key={`unreadable:${t.name}`} value={`unreadable:${t.name}`} disabled>
                {t.name} (this version cannot read it)
              </MenuItem>
            ))}
          </TextField>
          <UnreadableTemplates templates={unreadable} onDeleted={templates.reload} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TemplateTools template={template} isBuiltIn={!!template && builtIn.has(template.name)} onChanged={templates.reload} />
        </Grid>
      </Grid>

      {template && (
        <>
          <Box component="section" aria-label="This charger's plan">
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
              Test session and load limit
            </Typography>
            <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
              <NumberInput
                label="Test session (s)"
                value={template.sessionSeconds}
                onChange={(n) => patch({ sessionSeconds: n }, 'sessionSeconds')}
                comma="thousands"
                error={errors.sessionSeconds}
                helper={template.sessionSeconds < FULL_SESSION_S ? 'Shorter than 5 minutes: allowed, noted in the report' : 'Meter values for this long (5 minutes recommended)'}
                width={260}
              />
              <FormControlLabel
                control={<Switch checked={!!template.loadLimit} onChange={(e) => patch({ loadLimit: e.target.checked ? { limit: 16, unit: 'A', phases: 3 } : null })} />}
                label="The site has a load limit"
              />
              {template.loadLimit && (
                <>
                  <NumberInput
                    label={`Limit (${template.loadLimit.unit}${template.loadLimit.unit === 'A' ? ' per phase' : ''})`}
                    value={template.loadLimit.limit}
                    onChange={(n) => {
                      setConvertedFrom(null);
                      if (template.loadLimit) patch({ loadLimit: { ...template.loadLimit, limit: n } }, 'loadLimit.limit');
                    }}
                    comma={template.loadLimit.unit === 'W' ? 'thousands' : 'decimal'}
                    error={errors['loadLimit.limit']}
                    helper={problems['loadLimit.limit'] ? undefined : `= ${formatPower(limitWatts(template.loadLimit))}${convertedFrom ? ` (converted from ${convertedFrom})` : ''}`}
                    width={200}
                  />
                  <TextField
                    select
                    size="small"
                    label="Unit"
                    value={template.loadLimit.unit}
                    onChange={(e) => {
                      if (!template.loadLimit) return;
                      // The value typed in the other unit is converted, and said so (not kept as if typed in this one).
                      const next = convertedLimit(template.loadLimit, e.target.value as LoadLimit['unit']);
                      setConvertedFrom(next.from);
                      patch({ loadLimit: next.limit }, 'loadLimit.limit');
                    }}
                    sx={{ width: 90 }}
                  >
                    <MenuItem value="A">A</MenuItem>
                    <MenuItem value="W">W</MenuItem>
                  </TextField>
                  <TextField
                    select
                    size="small"
                    label="Phases"
                    value={template.loadLimit.phases}
                    onChange={(e) => template.loadLimit && patch({ loadLimit: { ...template.loadLimit, phases: Number(e.target.value) } })}
                    sx={{ width: 100 }}
                  >
                    {[1, 2, 3].map((n) => (
                      <MenuItem key={n} value={n}>
                        {n}
                      </MenuItem>
                    ))}
                  </TextField>
                </>
              )}
            </Stack>
            {template.loadLimit && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                Set on the charger as its default charging profile, read back as a composite schedule; the test session&apos;s power must stay under it.
              </Typography>
            )}
          </Box>
          <Box component="section" aria-label="Template">
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
              What the template checks
            </Typography>
            <PlanSummary template={template} problems={problems} />
          </Box>
          {heartbeat && (
            <Alert severity="warning" aria-label="Heartbeat interval at the reset">
              {heartbeat}
            </Alert>
          )}
        </>
      )}
      <StepNav back={back} next={next} onNext={check} disabled={!template} />
    </Stack>
  );
}
