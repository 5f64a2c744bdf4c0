// Refusals of calls to Serviceplatformen made as a municipality: its certificate is not configured, cannot be read, or
// is not valid now. The web translates the codes (web/shared/texts/errors.ts).
import { domainErrors } from '../http/errors.js';

export const serviceplatformenError = domainErrors({
  'serviceplatformen.not-configured': 'conflict',
  'serviceplatformen.certificate-missing': 'conflict',
  'serviceplatformen.certificate-unreadable': 'conflict',
  'serviceplatformen.certificate-expired': 'conflict',
  'serviceplatformen.certificate-refused': 'conflict',
});
