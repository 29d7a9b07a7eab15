// SignCertificate (security extension): the CSR is kept for the user, who answers it with CertificateSigned.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function SignCertificate(ctx: HandlerContext, req: RequestOf<'SignCertificate'>): ResponseOf<'SignCertificate'> {
  // The CSR is kept for the user, who answers it with a CertificateSigned operation.
  ctx.record.events.add(ctx.chargerId, 'SignCertificate', req, ctx.now());
  return { status: 'Accepted' };
}
