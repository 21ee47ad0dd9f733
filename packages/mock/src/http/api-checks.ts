/**
 * Centrifugo 1.8.0's checks of `data` and `sign` before the commands (`handlers.go:299-335`), in
 * its order: no sign → 400, empty data → 400, no secret → 400, wrong sign → 401 (all skipped with
 * `insecure_api` but the empty data). Plain data: the handler answers and logs.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { ContractViolation } from '../state/violations.js';
import { PreparedHmac } from './prepared-hmac.js';
import { checkApiSign } from './sign.js';

/** Why a request is refused, as a strict mock records it. */
export type Refusal = Omit<ContractViolation, 'requestId' | 'transport' | 'schemaIssues'> & {
  readonly schemaIssues?: ContractViolation['schemaIssues'];
};

const EMPTY_DATA: Refusal = { status: 400, kind: 'data', path: '', message: 'data is empty or missing' };
const BAD_SIGN: Refusal = {
  status: 401,
  kind: 'sign',
  path: '',
  message: 'sign does not match: lowercase hex HMAC-SHA256 of the exact data bytes, 64 characters',
};
const NO_SECRET: Refusal = {
  status: 400,
  kind: 'config',
  path: '',
  message: 'no secret set in config (and insecure_api is off)',
};

/** Whether `sign` is right for `data` with the configured secret. */
export type SignCheck = (data: Buffer, sign: Buffer) => boolean;

/** A server's sign check: its own prepared HMAC for `secret`, made with it. */
export function signCheckFor(secret: string): SignCheck {
  const hmac = new PreparedHmac(secret);
  return (data, sign) => hmac.matches(data, sign);
}

/**
 * `data` is the data, or only its length (undefined: not known yet) when checking before the
 * body is read: then the sign itself can only be refused for its length. `form`: the sign came
 * (or would come) from the form, not the `X-API-Sign` header. `check`: a server passes its
 * prepared HMAC (`prepared-hmac.ts`).
 */
export function signRefusal(
  config: Pick<ResolvedConfig, 'insecureApi' | 'secret'>,
  sign: Buffer | undefined,
  data: Buffer | number | undefined,
  form = false,
  check: SignCheck = (d, s) => checkApiSign(config.secret, d, s),
): Refusal | undefined {
  if (config.insecureApi) return data === 0 || (Buffer.isBuffer(data) && data.length === 0) ? EMPTY_DATA : undefined;
  if (sign === undefined || sign.length === 0)
    return {
      status: 400,
      kind: 'sign',
      path: '',
      message: `sign is missing (${form ? 'sign form field' : 'X-API-Sign header'})`,
    };
  const length = Buffer.isBuffer(data) ? data.length : data;
  if (length === 0) return EMPTY_DATA;
  if (config.secret === '') return NO_SECRET;
  if (length === undefined) return undefined;
  const valid = Buffer.isBuffer(data) ? check(data, sign) : sign.length === 64 ? undefined : false;
  return valid === false ? BAD_SIGN : undefined;
}
