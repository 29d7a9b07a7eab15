// Photos of the installation, kept in the commissioning's record: added from the file picker (JPEG, PNG or
// WebP, at most 10 MB each; anything else is refused here, saying why), shown as previews, removable
// until the handover.
import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddPhotoAlternateIcon from '@mui/icons-material/AddPhotoAlternate';
import DeleteIcon from '@mui/icons-material/Delete';
import { useClient } from '../../api/context';
import { maxPhotoBytes, photoTypes, type CommissioningView, type PhotoView } from '../../../../shared/api/commissioning';
import type { LiveCommissioning } from './useCommissioning';

type PhotoType = (typeof photoTypes)[number];

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A file's size as people read it: "812 bytes", "48 KB", "3.4 MB" (1 KB = 1024 bytes, as the 10 MB bound). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${Math.min(1023, Math.round(bytes / 1024))} KB`;
  return megabytes(bytes);
}

/** Why a file cannot be a photo of the record, or null when it can. */
export function photoProblem(file: { name: string; type: string; size: number }): string | null {
  if (!(photoTypes as readonly string[]).includes(file.type)) return `${file.name} is not a JPEG, PNG or WebP image: not added.`;
  if (file.size > maxPhotoBytes) return `${file.name} is too big (${megabytes(file.size)}): a photo may be at most ${megabytes(maxPhotoBytes)}. Not added.`;
  if (file.size === 0) return `${file.name} is empty: not added.`;
  return null;
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

function Preview({ id, photo, locked, onRemove }: { id: string; photo: PhotoView; locked: boolean; onRemove: () => void }) {
  const client = useClient();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    client.call('commissioning:photo', { id, photoId: photo.id }).then(
      (p) => live && setSrc(`data:${p.contentType};base64,${p.dataBase64}`),
      () => live && setFailed(true),
    );
    return () => void (live = false);
  }, [client, id, photo.id]);
  return (
    <Box component="figure" sx={{ m: 0, width: 180, border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
      {src ? (
        <Box component="img" src={src} alt={photo.caption || photo.name} sx={{ width: '100%', height: 130, objectFit: 'cover', display: 'block' }} />
      ) : failed ? (
        <Box sx={{ height: 130, display: 'grid', placeItems: 'center', px: 1 }}>
          <Typography variant="caption" color="error">
            Could not load the preview
          </Typography>
        </Box>
      ) : (
        <Skeleton variant="rectangular" height={130} />
      )}
      <Stack direction="row" component="figcaption" sx={{ alignItems: 'center', px: 1, py: 0.5 }}>
        <Typography variant="caption" sx={{ flexGrow: 1, overflowWrap: 'anywhere' }}>
          {photo.name} · {fileSize(photo.bytes)}
        </Typography>
        {!locked && (
          <IconButton size="small" aria-label={`Remove ${photo.name}`} onClick={onRemove}>
            <DeleteIcon fontSize="small" />
          </IconButton>
        )}
      </Stack>
    </Box>
  );
}

export function Photos({ live, view, locked }: { live: LiveCommissioning; view: CommissioningView; locked: boolean }) {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [adding, setAdding] = useState(0);

  const add = async (files: File[]) => {
    const found: string[] = [];
    for (const file of files) {
      const problem = photoProblem(file);
      if (problem) {
        found.push(problem);
        continue;
      }
      setAdding((n) => n + 1);
      try {
        await client.call('commissioning:addPhoto', { id: view.id, name: file.name, contentType: file.type as PhotoType, dataBase64: await base64Of(file), caption: '' });
      } catch (e) {
        // The bench names the API's field ("Invalid field "dataBase64": ..."): here it is the file itself.
        found.push(`${file.name} was not added: ${(e instanceof Error ? e.message : String(e)).replace(/^Invalid field "\w+": /, '')}`);
      } finally {
        setAdding((n) => n - 1);
      }
    }
    setProblems(found);
    live.reload();
  };
  const remove = async (photo: PhotoView) => {
    try {
      await client.call('commissioning:removePhoto', { id: view.id, photoId: photo.id });
      setProblems([]);
    } catch (e) {
      setProblems([`${photo.name} was not removed: ${e instanceof Error ? e.message : String(e)}`]);
    }
    live.reload();
  };

  return (
    <Box component="section" aria-label="Photos">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          Photos
        </Typography>
        {!locked && (
          <Button size="small" startIcon={<AddPhotoAlternateIcon />} disabled={adding > 0} onClick={() => input.current?.click()}>
            {adding > 0 ? 'Adding…' : 'Add photos'}
          </Button>
        )}
        <Typography variant="caption" color="text.secondary">
          JPEG, PNG or WebP, at most {megabytes(maxPhotoBytes)} each
        </Typography>
      </Stack>
      <input
        ref={input}
        type="file"
        multiple
        accept={photoTypes.join(',')}
        aria-label="Photo files"
        hidden
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void add(files);
        }}
      />
      {problems.map((p) => (
        <Alert key={p} severity="error" sx={{ mb: 1 }}>
          {p}
        </Alert>
      ))}
      {view.photos.length ? (
        <Stack direction="row" sx={{ gap: 1.5, flexWrap: 'wrap' }}>
          {view.photos.map((p) => (
            <Preview key={p.id} id={view.id} photo={p} locked={locked} onRemove={() => void remove(p)} />
          ))}
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary">
          No photo yet.
        </Typography>
      )}
    </Box>
  );
}
