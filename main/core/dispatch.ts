import { DomainError, toErrorValue, type Result } from './errors';
import { schemas, type Handlers, type Operation, type Output } from './contract';

export function isOperation(name: string): name is Operation {
  return Object.hasOwn(schemas, name);
}

/**
 * The door every transport goes through: validates the input against the contract,
 * runs the handler and turns any failure into a value. Nothing unvalidated reaches the core.
 */
export async function dispatch<K extends Operation>(handlers: Handlers, operation: K, input: unknown): Promise<Result<Output<K>>> {
  if (!isOperation(operation)) {
    return { ok: false, code: 'invalid_input', message: `Unknown operation ${String(operation)}.` };
  }
  const parsed = schemas[operation].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'input';
    return {
      ok: false,
      code: 'invalid_input',
      message: `Invalid ${where}: ${issue?.message ?? 'rejected'}`,
      params: { field: where },
    };
  }
  try {
    const handler = handlers[operation] as (input: unknown) => Output<K> | Promise<Output<K>>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (!(error instanceof DomainError)) console.error(`[accueil] ${operation} failed`, error);
    return toErrorValue(error);
  }
}
