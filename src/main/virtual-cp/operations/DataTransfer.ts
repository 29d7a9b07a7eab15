// DataTransfer: the charger knows one vendor message, ChargeBench's echo, which answers with the data sent.
import type { Operation } from '.';

export const DataTransfer: Operation<'DataTransfer'> = (req) => {
  if (req.vendorId !== 'ChargeBench') return { status: 'UnknownVendorId' };
  if (req.messageId !== 'echo') return { status: 'UnknownMessageId' };
  return { status: 'Accepted', ...(req.data !== undefined ? { data: req.data } : {}) };
};
