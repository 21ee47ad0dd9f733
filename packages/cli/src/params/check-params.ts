/**
 * Params checked before anything is sent, against the typed view of the method's params
 * schema (`@centkit/validators`, loaded only here: help and usage errors never pay for it).
 */
import { paramsError } from '../errors.js';

export async function checkParams(method: string, params: unknown, where = ''): Promise<void> {
  const { validate, formatIssues } = await import('@centkit/validators');
  const result = validate(method, 'params', params);
  if (result.ok) return;
  throw paramsError(
    `invalid params for ${method}${where}: ${formatIssues(result.errors)}`,
    `Run cent help ${method} for its params.`,
  );
}
