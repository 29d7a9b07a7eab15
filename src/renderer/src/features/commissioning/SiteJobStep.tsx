// Step 1, the site and the job: site name (picked from the sites commissioned before, which fills in the job
// last used there, as does its name typed in full) and address, where the charger is on the site, the
// installer and company, the customer.
import { useRef, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { useLoad } from '../../components/useCall';
import { Facts } from '../../components/Facts';
import { SiteJob, type SiteJobInput } from '../../../../shared/api/commissioning';
import { issueWords } from '../../../../shared/api/issues';
import { setDraft, useDraft } from './draft';
import { StepNav } from './WizardScreen';

type Field = keyof SiteJobInput;

/** What a site commissioned before fills in (the location is this charger's own). */
const filledIn = ['address', 'installer', 'company', 'customer'] as const;
const sameSite = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const fields: Array<{ key: Exclude<Field, 'site'>; label: string; helper: string; required?: boolean }> = [
  { key: 'address', label: 'Site address', helper: 'Street, town: as it goes in the report' },
  { key: 'location', label: 'Charger location', helper: 'Where this charger is on the site, e.g. parking bay 4' },
  { key: 'installer', label: 'Installer', helper: 'Who commissions the charger (signs the handover)', required: true },
  { key: 'company', label: 'Company', helper: "The installer's company" },
  { key: 'customer', label: 'Customer', helper: 'Who the charger is handed over to' },
];

export function SiteJobStep({ next }: { next: () => void }) {
  const client = useClient();
  const job = useDraft((d) => d.job);
  const sites = useLoad(() => client.call('commissioning:sites', {}), [client]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // The site whose last job filled in the fields, and the fields left as the user had typed them.
  const [filledFrom, setFilledFrom] = useState<{ job: SiteJob; kept: string[] } | null>(null);

  const set = (patch: Partial<SiteJobInput>) => {
    setDraft({ job: { ...job, ...patch } });
    setErrors((e) => {
      const left = { ...e };
      for (const k of Object.keys(patch)) delete left[k as Field];
      return left;
    });
  };
  /**
   * A site commissioned before: its job as last used there (the location is this charger's own). The same site
   * again fills in nothing more; another one fills in the fields the user did not type in (empty, or as the last
   * site filled them in), never one typed in.
   */
  const pickSite = (name: string) => {
    const known = sites.data?.find((s) => s.site === name);
    if (!known) return set({ site: name });
    const before = filledFrom?.job;
    if (before && sameSite(before.site, known.site)) return set({ site: known.site });
    const patch: Partial<SiteJobInput> = { site: known.site };
    const kept: string[] = [];
    for (const key of filledIn) {
      const now = job[key] ?? '';
      if (now === '' || now === known[key] || (before && now === before[key])) patch[key] = known[key];
      else kept.push(fields.find((f) => f.key === key)!.label);
    }
    setFilledFrom({ job: known, kept });
    set(patch);
  };
  // A site's name typed in full (whatever its case, spaces around it) counts as picked when the field is left.
  const typedSite = useRef(false);
  const leaveSite = () => {
    if (!typedSite.current) return;
    typedSite.current = false;
    const name = job.site ?? '';
    const known = name.trim() ? sites.data?.find((s) => sameSite(s.site, name)) : undefined;
    if (known) pickSite(known.site);
  };
  const check = () => {
    const parsed = SiteJob.safeParse(job);
    if (parsed.success) return true;
    setErrors(issueWords(parsed.error, { key: 'first' }));
    return false;
  };

  return (
    <>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Autocomplete
            freeSolo
            options={(sites.data ?? []).map((s) => s.site)}
            inputValue={job.site ?? ''}
            onInputChange={(_e, value, reason) => {
              if (reason !== 'input') return;
              typedSite.current = true;
              set({ site: value });
            }}
            onChange={(_e, value) => {
              if (typeof value !== 'string') return;
              typedSite.current = false;
              pickSite(value);
            }}
            onBlur={leaveSite}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Site"
                required
                error={!!errors.site}
                helperText={errors.site ?? (sites.data?.length ? 'A site commissioned before fills in its job' : 'The site’s name, e.g. Depot Nord')}
              />
            )}
          />
        </Grid>
        {fields.map((f) => (
          <Grid key={f.key} size={{ xs: 12, md: 6 }}>
            <TextField
              fullWidth
              label={f.label}
              required={f.required}
              value={job[f.key] ?? ''}
              onChange={(e) => set({ [f.key]: e.target.value })}
              error={!!errors[f.key]}
              helperText={errors[f.key] ?? (f.key === 'location' && filledFrom?.job.location ? `${f.helper} (the last charger there: ${filledFrom.job.location})` : f.helper)}
            />
          </Grid>
        ))}
      </Grid>
      {filledFrom && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {`Filled in with the job last used at ${filledFrom.job.site}${filledFrom.kept.length ? `, except what was typed in ${filledFrom.kept.join(', ')}` : ''}; change what differs for this charger.`}
        </Typography>
      )}
      <StepNav next={next} onNext={check} />
    </>
  );
}

export function JobSummary({ job }: { job: SiteJob }) {
  return (
    <Facts
      items={[
        ['Site', job.site],
        ['Address', job.address || '—'],
        ['Charger location', job.location || '—'],
        ['Installer', [job.installer, job.company].filter(Boolean).join(', ')],
        ['Customer', job.customer || '—'],
      ]}
    />
  );
}
