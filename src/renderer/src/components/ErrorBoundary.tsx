// A panel that fails to draw (a record the screen did not expect) says so in its place, with the error,
// instead of taking the whole window down to a white page; the rest of the screen stays usable. It tries
// again when `resetKey` changes (another tab, another charger) or when asked. The boundary itself is
// react-error-boundary's; this names the panel and says what failed in the bench's words.
import type { ReactNode } from 'react';
import { ErrorBoundary as Boundary, type FallbackProps } from 'react-error-boundary';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';

interface Props {
  /** What the panel shows, in words, for the message: "CP001's overview". */
  what: string;
  /**
   * A change of it draws the panel again (the error may not hold for another tab or charger, nor once the
   * charger's view has changed); an array: a change of any of its items.
   */
  resetKey?: unknown;
  children: ReactNode;
}

function PanelError({ what, error, resetErrorBoundary }: FallbackProps & { what: string }) {
  const e = error instanceof Error ? error : new Error(String(error));
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="panel-error"
      action={
        <Button color="inherit" size="small" onClick={() => resetErrorBoundary()}>
          Try again
        </Button>
      }
    >
      <AlertTitle>Could not show {what}</AlertTitle>
      {e.name}: {e.message}. The rest of the bench works; the record itself is unchanged. If this keeps happening, the message log shows what the charger sent.
    </Alert>
  );
}

export function ErrorBoundary({ what, resetKey, children }: Props) {
  return (
    <Boundary
      resetKeys={Array.isArray(resetKey) ? resetKey : [resetKey]}
      fallbackRender={(props) => <PanelError what={what} {...props} />}
      onError={(error, info) => console.error(`Could not show ${what}:`, error, info.componentStack)}
    >
      {children}
    </Boundary>
  );
}
