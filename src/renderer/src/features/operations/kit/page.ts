// What a panel file declares for the registry: its place in the operations menu, its component and
// what its action's answers mean; or, for an action sent from another action's panel, which one.
import type { ComponentType } from 'react';
import type { OperationAction } from './actions';
import type { AnswerMeanings } from './meanings';

/** An action with a panel of its own: a row in the menu. */
export interface OperationPage<A extends OperationAction> extends AnswerMeanings<A> {
  /** The menu's words for it, e.g. "Unlock connector". */
  label: string;
  /** The menu's heading it is listed under, e.g. "Charger". */
  group: string;
  Panel: ComponentType;
}

/** An action whose panel is another's, e.g. ChangeConfiguration is sent from the configuration table. */
export interface SentFrom<A extends OperationAction> extends AnswerMeanings<A> {
  sentFrom: OperationAction;
}

export type OperationEntry<A extends OperationAction> = OperationPage<A> | SentFrom<A>;
