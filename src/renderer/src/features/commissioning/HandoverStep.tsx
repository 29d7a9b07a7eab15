// Step 6, the handover: the verdict and what is still open, the installer's signature (drawn or typed), the
// customer's name and acknowledgement (and signature if they sign too), then Sign, asked first. The record
// is final afterwards, and the step shows what was signed. Once Sign is sent it cannot be withdrawn: the
// question stays open, without Cancel, until the bench answers. What is typed is kept (handover-draft.ts)
// across a reload or a visit to another step until it is signed.
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { useCall } from '../../components/useCall';
import { Facts } from '../../components/Facts';
import { formatDateTime } from '../../components/format';
import { Handover, type CommissioningView, type HandoverInput, type Signature } from '../../../../shared/api/commissioning';
import { issueWords } from '../../../../shared/api/issues';
import { Ask } from '../../components/Ask';
import { handwriting, SignatureField } from './SignatureField';
import { useHandoverDraft } from './handover-draft';
import type { LiveCommissioning } from './useCommissioning';
import { CommissioningVerdictChip, placeOf } from './words';
import { BenchNotes } from './BenchNotes';

const verdictWords = { pass: 'Pass', fail: 'Needs a revisit', incomplete: 'Incomplete' } as const;

function OpenItems({ view }: { view: CommissioningView }) {
  const open = view.open;
  return (
    <Box component="section" aria-label="Verdict">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          Verdict
        </Typography>
        <CommissioningVerdictChip verdict={view.handover?.verdict ?? view.verdict} size="medium" />
      </Stack>
      {open.length ? (
        <>
          <Typography variant="body2">Still open:</Typography>
          <Box component="ul" aria-label="Still open" sx={{ m: 0, pl: 3 }}>
            {open.map((o) => (
              <Typography component="li" key={o} variant="body2">
                {o}
              </Typography>
            ))}
          </Box>
        </>
      ) : (
        <Typography variant="body2">Nothing is open: every step passed or does not apply, and every check conforms.</Typography>
      )}
      <BenchNotes view={view} />
    </Box>
  );
}

function SignedBy({ who, signature }: { who: string; signature: Signature | undefined }) {
  if (!signature) return <Typography variant="body2">{who}: no signature</Typography>;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {who}: {signature.name} ({signature.kind === 'drawn' ? 'drawn' : 'typed'})
      </Typography>
      {signature.kind === 'drawn' && signature.image ? (
        <Box component="img" src={signature.image} alt={`Signature of ${signature.name}`} sx={{ maxWidth: 360, width: '100%', bgcolor: '#fff', border: 1, borderColor: 'divider', borderRadius: 1 }} />
      ) : (
        <Box sx={{ fontFamily: handwriting, fontSize: 28, color: '#1a237e', bgcolor: '#fff', px: 2, borderRadius: 1, display: 'inline-block' }}>{signature.name}</Box>
      )}
    </Box>
  );
}

function Signed({ view }: { view: CommissioningView }) {
  const h = view.handover;
  if (!h) return null;
  return (
    <Stack spacing={2}>
      <Alert severity={h.verdict === 'pass' ? 'success' : 'warning'}>
        Handed over on {formatDateTime(h.signedAt)} with the verdict {verdictWords[h.verdict]}. The record is final.
      </Alert>
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 6 }}>
          <SignedBy who="Installer" signature={h.installer} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Stack spacing={1}>
            <Facts
              items={[
                ['Customer', h.customer.name],
                ['Acknowledged', h.customer.acknowledged ? 'Yes: the charger was handed over with this report' : 'No'],
              ]}
            />
            {h.customer.signature && <SignedBy who="Customer" signature={h.customer.signature} />}
          </Stack>
        </Grid>
      </Grid>
      {h.notes && <Typography variant="body2">Notes: {h.notes}</Typography>}
    </Stack>
  );
}

export function HandoverStep({ live, view }: { live: LiveCommissioning; view: CommissioningView }) {
  const client = useClient();
  // The form as typed, kept for a reload or a visit to another step until it is signed (handover-draft.ts).
  const { draft, change, drop, problem: notKept } = useHandoverDraft(view.id, view.job);
  const { installer, installerSig, customer, acknowledged, customerSigns, customerSig, notes } = draft;
  const signedAlready = !!view.handover;
  useEffect(() => {
    if (signedAlready) drop();
  }, [signedAlready, drop]);
  // Once Sign was tried, each field says what is wrong with it, and stops saying it as soon as it is put right.
  const [tried, setTried] = useState(false);
  const [asking, setAsking] = useState<Handover | null>(null);
  const [sign, doSign, resetSign] = useCall(async (handover: Handover) => {
    const signed = await client.call('commissioning:handover', { id: view.id, handover });
    drop();
    live.show(signed);
    setAsking(null);
  });

  if (view.handover)
    return (
      <Stack spacing={3}>
        <OpenItems view={view} />
        <Signed view={view} />
      </Stack>
    );

  const blocked = live.stale ? 'The bench cannot be reached.' : view.state === 'running' ? 'The checks are still running: wait for them to end, or stop them.' : null;
  const input: HandoverInput = {
    installer: { name: installer, ...installerSig },
    customer: { name: customer, acknowledged: acknowledged as true, ...(customerSigns ? { signature: { name: customer, ...customerSig } } : {}) },
    notes,
  };
  const parsed = Handover.safeParse(input);
  const open = view.open;
  const errors: Record<string, string> = tried && !parsed.success ? issueWords(parsed.error) : {};
  const submit = () => {
    setTried(true);
    if (parsed.success) setAsking(parsed.data);
  };

  return (
    <Stack spacing={3}>
      <OpenItems view={view} />
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Stack spacing={2}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              Installer
            </Typography>
            <TextField label="Installer's name" value={installer} onChange={(e) => change({ installer: e.target.value })} error={!!errors['installer.name']} helperText={errors['installer.name']} />
            <SignatureField label="Installer's signature" name={installer} value={installerSig} onChange={(installerSig) => change({ installerSig })} error={errors['installer.image']} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Stack spacing={2}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              Customer
            </Typography>
            <TextField label="Customer's name" value={customer} onChange={(e) => change({ customer: e.target.value })} error={!!errors['customer.name']} helperText={errors['customer.name']} />
            <Box>
              <FormControlLabel
                control={<Checkbox checked={acknowledged} onChange={(e) => change({ acknowledged: e.target.checked })} />}
                label={`${customer.trim() || 'The customer'} acknowledges that the charger was handed over with this report`}
              />
              {errors['customer.acknowledged'] && <FormHelperText error>{errors['customer.acknowledged']}</FormHelperText>}
            </Box>
            <FormControlLabel control={<Switch checked={customerSigns} onChange={(e) => change({ customerSigns: e.target.checked })} />} label="The customer signs too" />
            {customerSigns && (
              <SignatureField label="Customer's signature" name={customer} value={customerSig} onChange={(customerSig) => change({ customerSig })} error={errors['customer.signature.image']} />
            )}
          </Stack>
        </Grid>
      </Grid>
      <TextField label="Notes for the report" multiline minRows={2} value={notes} onChange={(e) => change({ notes: e.target.value })} />
      {notKept && <Alert severity="warning">{notKept}</Alert>}
      {blocked && <Alert severity="warning">{blocked}</Alert>}
      {sign.error && <Alert severity="error">Not signed: {sign.error}</Alert>}
      <Box>
        <Button variant="contained" size="large" disabled={!!blocked || sign.pending} onClick={submit}>
          Sign the handover
        </Button>
      </Box>
      <Ask
        open={!!asking}
        title={`Sign the handover of ${view.chargerId}?`}
        confirmLabel={`Sign: ${verdictWords[view.verdict]}`}
        danger={view.verdict !== 'pass'}
        pending={sign.pending}
        sending={{ doing: 'Signing', whenAnswered: 'the handover is signed when it does' }}
        error={sign.error && `Not signed: ${sign.error}`}
        blocked={blocked}
        onCancel={() => {
          setAsking(null);
          // Asked again after putting it right, the dialog does not open on the last refusal.
          if (!sign.pending) resetSign();
        }}
        onConfirm={() => asking && void doSign(asking)}
      >
        <Typography gutterBottom>
          {view.chargerId} at {placeOf(view.job)}, handed over to {asking?.customer.name} by {asking?.installer.name}, with the verdict <strong>{verdictWords[view.verdict]}</strong>
          {open.length ? ` and ${open.length} item${open.length > 1 ? 's' : ''} still open:` : '.'}
        </Typography>
        {open.length > 0 && (
          <Box component="ul" aria-label="Items still open" sx={{ mt: 0, pl: 3 }}>
            {open.map((o) => (
              <Typography component="li" variant="body2" key={o}>
                {o}
              </Typography>
            ))}
          </Box>
        )}
        <Typography>The record is final afterwards: no step can be run again, and the checklist and photos cannot change.</Typography>
      </Ask>
    </Stack>
  );
}
