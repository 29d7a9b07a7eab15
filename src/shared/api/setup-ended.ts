// A session a run ended before its first case or step (a conformance run's setup, a commissioning's start):
// one running on the charger when the run began, stopped with RemoteStopTransaction.

export interface SessionEndedInSetup {
  transactionId: number;
  connectorId: number;
  idTag: string;
  /** When it ended: its StopTransaction came (the bench's clock). */
  endedAt: string;
}
