// Managing templates: save the plan as a template, delete a saved one, import and export one as JSON, and
// make one from a charger's configuration as it reads now ("use this charger as the reference").
import { useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/Download';
import SaveIcon from '@mui/icons-material/Save';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useCall } from '../../components/useCall';
import { downloadText } from '../../components/download';
import { Sending } from '../../components/Sending';
import { CommissioningTemplate } from '../../../../shared/api/commissioning';
import { issueWords } from '../../../../shared/api/issues';
import { setDraft } from './draft';

/** A template read from a JSON file, or what is wrong with the file in words. */
export function readTemplateJson(text: string, fileName: string): { template: CommissioningTemplate } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: `${fileName} is not JSON.` };
  }
  const parsed = CommissioningTemplate.safeParse(json);
  if (parsed.success) return { template: parsed.data };
  const problems = Object.entries(issueWords(parsed.error, { whole: 'the file' }))
    .slice(0, 3)
    .map(([field, message]) => `${field}: ${message}`);
  return { error: `${fileName} is not a commissioning template (${problems.join('; ')}).` };
}

/** The longest template name (CommissioningTemplate). */
const NAME_MAX = 80;

/** A name for a copy of `name` that is none of `taken`: "Public AC (recommended) (copy)", then "(copy 2)", …, within the length a name may have. */
export function copyName(name: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${name.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** An imported template whose name is in use, waiting for the user: replace the saved one, or save it under another name. */
interface PendingImport {
  template: CommissioningTemplate;
  fileName: string;
  builtIn: string[];
  saved: string[];
}

/** What saving the import under `name` does, in words, or why it cannot: shown under the name. */
function importNameWords(name: string, p: PendingImport): { error: boolean; text: string } {
  if (!name) return { error: true, text: 'A name is needed' };
  if (name.length > NAME_MAX) return { error: true, text: `At most ${NAME_MAX} characters (${name.length} now)` };
  if (p.builtIn.includes(name)) return { error: true, text: 'A built-in’s name cannot be used: choose another' };
  if (p.saved.includes(name)) return { error: false, text: `Replaces the saved template ${name}` };
  return { error: false, text: 'Saved as a new template' };
}

type Open = null | 'save' | 'delete' | 'reference' | 'import';

export function TemplateTools({ template, isBuiltIn, onChanged }: { template: CommissioningTemplate | null; isBuiltIn: boolean; onChanged: () => void }) {
  const client = useClient();
  const [open, setOpen] = useState<Open>(null);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const all = useBench((s) => s.chargers);
  const chargers = useMemo(() => Object.values(all).filter((c) => c.connected), [all]);
  const [reference, setReference] = useState('');
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);
  const [importName, setImportName] = useState('');

  const [save, doSave, resetSave] = useCall(async (t: CommissioningTemplate) => {
    const kept = await client.call('commissioning:saveTemplate', { template: t });
    setDraft({ template: kept });
    onChanged();
    return kept;
  });
  const [del, doDelete, resetDelete] = useCall(async (n: string) => {
    await client.call('commissioning:deleteTemplate', { name: n });
    setDraft({ template: null });
    onChanged();
    return true;
  });
  const [imp, doImport, resetImport] = useCall(async (t: CommissioningTemplate) => {
    const kept = await client.call('commissioning:saveTemplate', { template: t });
    setDraft({ template: kept });
    onChanged();
    return kept;
  });
  const [ref, doReference, resetRef] = useCall(async (chargerId: string, n: string) => {
    const made = await client.call('commissioning:referenceTemplate', { chargerId, name: n });
    setDraft({ template: made });
    return made;
  });

  // What was sent cannot be withdrawn: while a save or delete is on its way, the dialog stays.
  const sent = save.pending || del.pending || imp.pending;
  const close = () => {
    if (sent) return;
    setOpen(null);
    resetSave();
    resetRef();
    resetDelete();
    resetImport();
    setPendingImport(null);
  };
  /** Saves the imported template as `name` and says so; false (the error in `imp`) when the bench refused it. */
  const saveImport = async (t: CommissioningTemplate, fileName: string, name: string, replaces: boolean) => {
    const kept = await doImport({ ...t, name });
    if (!kept) return false;
    const as = name === t.name ? kept.name : `${kept.name} (its name in the file, ${t.name}, is in use)`;
    setNotice({ severity: 'success', text: replaces ? `Imported ${fileName} and replaced the saved template ${kept.name}.` : `Imported ${fileName} and saved it as ${as}.` });
    return true;
  };
  const importFile = async (f: File) => {
    // A new attempt: what was said about an earlier file no longer stands.
    setNotice(null);
    resetImport();
    const read = readTemplateJson(await f.text(), f.name);
    if ('error' in read) return setNotice({ severity: 'error', text: read.error });
    let names: { builtIn: string[]; saved: string[] };
    try {
      const all = await client.call('commissioning:templates', {});
      // One this version cannot read is replaced by an import of its name too: asked first like any saved one.
      names = { builtIn: all.builtIn.map((t) => t.name), saved: [...all.saved, ...(all.unreadable ?? [])].map((t) => t.name) };
    } catch (e) {
      return setNotice({ severity: 'error', text: `${f.name} was not imported: the templates on this bench could not be read (${e instanceof Error ? e.message : String(e)}).` });
    }
    const name = read.template.name;
    // A name in use is never replaced without asking; a built-in's cannot be used at all, so a copy is offered.
    if (names.builtIn.includes(name) || names.saved.includes(name)) {
      setPendingImport({ template: read.template, fileName: f.name, ...names });
      setImportName(names.builtIn.includes(name) ? copyName(name, [...names.builtIn, ...names.saved]) : name);
      setOpen('import');
      return;
    }
    // Refused (the error shows, once): nothing else to say.
    await saveImport(read.template, f.name, name, false);
  };
  const importWords = pendingImport && importNameWords(importName.trim(), pendingImport);
  const importReplaces = !!pendingImport && pendingImport.saved.includes(importName.trim());

  return (
    <Stack spacing={1}>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
        <Button size="small" startIcon={<SaveIcon />} disabled={!template} onClick={() => (setName(template && !isBuiltIn ? template.name : ''), setOpen('save'))}>
          Save as template
        </Button>
        <Button size="small" startIcon={<DeleteIcon />} disabled={!template || isBuiltIn} onClick={() => setOpen('delete')}>
          Delete
        </Button>
        <Button size="small" startIcon={<UploadFileIcon />} onClick={() => file.current?.click()}>
          Import JSON
        </Button>
        <Button
          size="small"
          startIcon={<DownloadIcon />}
          disabled={!template}
          onClick={() => template && downloadText(`${template.name.replace(/[^\w.-]+/g, '-')}.json`, JSON.stringify(template, null, 2))}
        >
          Export JSON
        </Button>
        <Button size="small" startIcon={<CompareArrowsIcon />} disabled={!chargers.length} onClick={() => (setReference(chargers[0]?.id ?? ''), setName(''), setOpen('reference'))}>
          Use a charger as the reference
        </Button>
      </Stack>
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        aria-label="Template JSON file"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      {imp.error && !open && (
        <Alert severity="error" onClose={resetImport}>
          Not imported: {imp.error}
        </Alert>
      )}

      <Dialog open={open === 'import'} onClose={close} fullWidth maxWidth="sm" aria-labelledby="import-template-title">
        <DialogTitle id="import-template-title">Import {pendingImport?.template.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {pendingImport && pendingImport.builtIn.includes(pendingImport.template.name)
              ? `${pendingImport.fileName} holds a template named ${pendingImport.template.name}, the name of a built-in template, which cannot be replaced. Save it under another name to use it.`
              : `${pendingImport?.fileName} holds a template named ${pendingImport?.template.name}, and a saved template has that name. Importing it under that name replaces the saved one (its baseline, offline policy, test card, session length and load limit); or save it under another name.`}
          </DialogContentText>
          <TextField
            autoFocus
            fullWidth
            label="Save the import as"
            value={importName}
            onChange={(e) => setImportName(e.target.value)}
            error={!!imp.error || !!importWords?.error}
            helperText={imp.error ?? importWords?.text ?? ' '}
          />
          <Sending pending={imp.pending} words={{ doing: 'Saving', whenAnswered: `${importName.trim() || 'the template'} is saved when it does` }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={sent}>
            Cancel
          </Button>
          <Button
            variant="contained"
            color={importReplaces ? 'warning' : 'primary'}
            disabled={!pendingImport || !!importWords?.error || imp.pending}
            onClick={() => {
              if (!pendingImport) return;
              void saveImport(pendingImport.template, pendingImport.fileName, importName.trim(), importReplaces).then((ok) => {
                if (!ok) return;
                setOpen(null);
                setPendingImport(null);
              });
            }}
          >
            {importReplaces ? `Replace ${importName.trim()}` : `Save as ${importName.trim() || 'template'}`}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={open === 'save'} onClose={close} fullWidth maxWidth="xs">
        <DialogTitle>Save as template</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            The baseline, offline policy, test card, session length and load limit, kept for the next charger. A saved template of the same name is replaced.
          </DialogContentText>
          <TextField
            autoFocus
            fullWidth
            label="Template name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={!!save.error}
            helperText={save.error ?? (isBuiltIn && template?.name === name ? 'A built-in’s name cannot be used: choose another' : ' ')}
          />
          <Sending pending={save.pending} words={{ doing: 'Saving', whenAnswered: `${name.trim() || 'the template'} is saved when it does` }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={sent}>
            Cancel
          </Button>
          <Button variant="contained" disabled={!name.trim() || save.pending || !template} onClick={() => template && void doSave({ ...template, name: name.trim() }).then((k) => k && close())}>
            Save {name.trim() || 'template'}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={open === 'delete'} onClose={close} fullWidth maxWidth="xs">
        <DialogTitle>Delete {template?.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>The saved template is removed from this bench. Commissionings already made with it keep their plan.</DialogContentText>
          {del.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              Not deleted: {del.error}
            </Alert>
          )}
          <Sending pending={del.pending} words={{ doing: 'Deleting', whenAnswered: `${template?.name ?? 'the template'} is deleted when it does` }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={sent}>
            Cancel
          </Button>
          <Button color="error" variant="contained" disabled={del.pending} onClick={() => template && void doDelete(template.name).then((ok) => ok && setOpen(null))}>
            Delete {template?.name}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={open === 'reference'} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>Use a charger as the reference</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            A template whose baseline is this charger&apos;s configuration as it reads now (its writable keys), to compare another charger, or this one after a firmware update, against it. Nothing is
            changed on the charger.
          </DialogContentText>
          <Stack spacing={2}>
            <TextField select label="Reference charger" value={reference} onChange={(e) => setReference(e.target.value)}>
              {chargers.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.id}
                  {c.virtual ? ' (virtual)' : ''}
                </MenuItem>
              ))}
            </TextField>
            <TextField label="Template name" value={name} onChange={(e) => setName(e.target.value)} placeholder={reference ? `As ${reference}` : undefined} />
            {ref.error && <Alert severity="error">{ref.error}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button variant="contained" disabled={!reference || ref.pending} onClick={() => void doReference(reference, name.trim() || `As ${reference}`).then((t) => t && close())}>
            {ref.pending ? `Reading ${reference}…` : `Read ${reference || 'the charger'}'s configuration`}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
