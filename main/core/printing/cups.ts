// SCAFFOLD (owned by the printing helper): replaced by the real CUPS driver.
import { DomainError } from '../errors';
import type { PrinterDriver } from './driver';

export function createCupsDriver(): PrinterDriver {
  const missing = () => Promise.reject(new DomainError('internal', 'not built yet'));
  return { kind: 'cups', list: missing, submit: missing, pdf: missing };
}
