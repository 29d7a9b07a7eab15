// A panel that fails to draw (a record the screen did not expect) says so in its place, with the error,
// instead of taking the whole window down to a white page; the rest of the screen stays usable. It tries
// again when `resetKey` changes (another tab, another charger) or when asked.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';

interface Props {
  /** What the panel shows, in words, for the message: "CP001's overview". */
  what: string;
  /** A change of it draws the panel again (the error may not hold for another tab or charger). */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.key) ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`Could not show ${this.props.what}:`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert
        severity="error"
        role="alert"
        data-testid="panel-error"
        action={
          <Button color="inherit" size="small" onClick={() => this.setState({ error: null })}>
            Try again
          </Button>
        }
      >
        <AlertTitle>Could not show {this.props.what}</AlertTitle>
        {error.name}: {error.message}. The rest of the bench works; the record itself is unchanged. If this keeps happening, the message log shows what the charger sent.
      </Alert>
    );
  }
}
