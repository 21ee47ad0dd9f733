/** A method name checked against the protocol's methods (from the generated help data). */
import { helpData } from '../gen/help.gen.js';
import { CliError } from '../errors.js';
import { closestName } from './suggest.js';

export const methodNames: readonly string[] = helpData.methods.map((m) => m.name);

export function isKnownMethod(name: string): boolean {
  return methodNames.includes(name);
}

/** Throws when `method` is not a method of the protocol; `where` says where it was named. */
export function checkMethod(method: string, kind: 'usage' | 'params', where = ''): void {
  if (isKnownMethod(method)) return;
  const close = closestName(method, methodNames);
  const hint = close === undefined ? '' : ` Did you mean ${close}?`;
  throw new CliError(
    kind,
    `unknown method ${JSON.stringify(method)}${where}`,
    `The methods are: ${methodNames.join(', ')}.${hint} (--no-validate sends it anyway.)`,
  );
}
