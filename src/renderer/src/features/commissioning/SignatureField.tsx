// A signature, drawn with a finger, pen or mouse on a canvas (pointer events, kept as a PNG) or typed (the
// name, shown in a handwriting face).
import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';

export interface SignatureDraft {
  kind: 'drawn' | 'typed';
  /** The drawing as a PNG data URL; undefined until something is drawn. */
  image?: string;
}

export const handwriting = '"Segoe Script", "Bradley Hand", "Brush Script MT", "URW Chancery L", cursive';

const WIDTH = 520;
const HEIGHT = 150;

function Pad({ label, image, onDrawn }: { label: string; image?: string; onDrawn: (image: string | undefined) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1a237e';
    // A signature drawn before (kept for a reload, or a visit to another step) is shown again, and drawn on.
    if (!image) return;
    drawn.current = true;
    const img = new Image();
    img.onload = () => ctx.drawImage(img, 0, 0, WIDTH, HEIGHT);
    img.src = image;
    // Only the drawing it opened with: later strokes are on the canvas already.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The pointer in canvas pixels (the canvas may be drawn narrower than it is). */
  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) * WIDTH) / (box.width || WIDTH), y: ((e.clientY - box.top) * HEIGHT) / (box.height || HEIGHT) };
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    drawn.current = false;
    onDrawn(undefined);
  };
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <Box
        component="canvas"
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={`${label}: draw here`}
        onPointerDown={(e: React.PointerEvent<HTMLCanvasElement>) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          drawing.current = true;
          const ctx = e.currentTarget.getContext('2d');
          const p = at(e);
          ctx?.beginPath();
          ctx?.moveTo(p.x, p.y);
          ctx?.lineTo(p.x + 0.1, p.y + 0.1);
          ctx?.stroke();
          drawn.current = true;
        }}
        onPointerMove={(e: React.PointerEvent<HTMLCanvasElement>) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d');
          const p = at(e);
          ctx?.lineTo(p.x, p.y);
          ctx?.stroke();
        }}
        onPointerUp={(e: React.PointerEvent<HTMLCanvasElement>) => {
          if (!drawing.current) return;
          drawing.current = false;
          if (drawn.current) onDrawn(e.currentTarget.toDataURL('image/png'));
        }}
        onPointerCancel={() => (drawing.current = false)}
        sx={{ width: '100%', maxWidth: WIDTH, aspectRatio: `${WIDTH} / ${HEIGHT}`, bgcolor: '#fff', border: 1, borderColor: 'divider', borderRadius: 1, touchAction: 'none', cursor: 'crosshair' }}
      />
      <Button size="small" onClick={clear}>
        Clear the signature
      </Button>
    </Stack>
  );
}

export function SignatureField({ label, name, value, onChange, error }: { label: string; name: string; value: SignatureDraft; onChange: (s: SignatureDraft) => void; error?: string }) {
  return (
    <Stack spacing={1}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2 }}>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <ToggleButtonGroup size="small" exclusive value={value.kind} aria-label={`${label}: how`} onChange={(_e, kind: SignatureDraft['kind'] | null) => kind && onChange({ kind })}>
          <ToggleButton value="drawn">Draw</ToggleButton>
          <ToggleButton value="typed">Type</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {value.kind === 'drawn' ? (
        <Pad label={label} image={value.image} onDrawn={(image) => onChange({ kind: 'drawn', image })} />
      ) : (
        <Box
          aria-label={`${label}: typed`}
          sx={{ maxWidth: WIDTH, minHeight: 70, px: 2, py: 1, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff', color: '#1a237e', fontFamily: handwriting, fontSize: 32 }}
        >
          {name.trim() || (
            <Typography component="span" color="text.secondary">
              The name above, as the signature
            </Typography>
          )}
        </Box>
      )}
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Stack>
  );
}
