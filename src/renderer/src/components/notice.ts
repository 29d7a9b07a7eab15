// A confirmation or an error for a screen's one snackbar, as screens and the parts inside them (the
// idTag list inside Settings) hand it up.
export interface Notice {
  message: string;
  error?: boolean;
  /** Puts an Undo action on the snackbar. */
  undo?: () => void;
}
