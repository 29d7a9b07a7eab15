// Primitive types of the OCPP 1.6 JSON schemas, as zod: date-time (RFC 3339 with an offset), decimal, URI.
import { z } from 'zod';

export const DateTime = z.iso.datetime({ offset: true });
export const Decimal = z.number();
export const Uri = z.url();
