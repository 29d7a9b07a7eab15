// What the bench and its reader thread say to each other: a query by name with its arguments, answered
// by id with the rows or the error's message.
import type { MessageFilter } from '../../../shared/api/message-filter';
import type { ExportFormat } from '../../../shared/api/message-export';
import type { MessageListQuery } from '../repositories/messages';
import type { MeterValuesQuery } from '../repositories/meter-values';

export interface ReaderData {
  file: string;
  nativeBinding?: string;
  /** How busy the bench's event loop is, in thousandths of the last tenth of a second (on shared memory; RecordReader keeps it). */
  protocolLoad?: Int32Array;
}

export interface ReaderQueries {
  messagesList: MessageListQuery;
  messagesPage: MessageFilter & { upToId?: number; offset?: number; limit?: number };
  messagesCount: { filter: MessageFilter; upToId?: number; cap?: number };
  /**
   * Opens a cursor over a filter's frames, oldest first, up to upToId (the newest when absent); with a
   * format, each batch comes as the export's text ({ text, frames }) instead of records.
   */
  batchesOpen: { filter: MessageFilter; upToId?: number; format?: ExportFormat };
  batchesNext: { cursor: number };
  batchesClose: { cursor: number };
  meterValues: MeterValuesQuery;
  meterReadings: { transactionId: number; limit: number };
  /**
   * A transaction's newest `limit` values oldest first, as JSON bytes: `fields` (the JSON of an object)
   * with "meterValues":[...] added, and "meterValuesCapped":true when it holds more.
   */
  transactionMeterValues: { transactionId: number; limit: number; fields: string };
}

export type ReaderQuery = keyof ReaderQueries;

/** `spare`: the memory of bytes the thread handed over, sent on and no longer needed here, to be filled again. */
export type ToReader = { id: number; query: ReaderQuery; args: unknown } | { spare: ArrayBuffer } | { close: true };

export type FromReader = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string } | { closed: true };
