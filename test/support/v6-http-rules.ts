/**
 * The HTTP rules of the Centrifugo v6 API that are not schema matters (the ground truth's §1.1–
 * §1.3, §1.7, §1.8 and the golden transcripts): which route a path reaches, the order of the
 * checks before a method runs (route, POST, API key), transport error mode, and how the legacy
 * `/api` route frames and names its commands. The v6 fidelity test predicts answers with them.
 */
import { configOf, type VariantName } from './centrifugo-v6.js';
import { header, type RecordedRequest } from './go-request.js';

export type Route = { readonly kind: 'method'; readonly method: string } | { readonly kind: 'legacy' };

/** Why a request never reached a method: Go's path cleaning redirect, no route, not POST, no valid key. */
export type Refusal = 'redirect' | 'route' | 'method' | 'auth';

interface HttpApiConfig {
  readonly key?: string;
  readonly insecure?: boolean;
  readonly error_mode?: string;
  readonly handler_prefix?: string;
}

function httpApi(variant: VariantName): HttpApiConfig {
  return (configOf(variant)['http_api'] ?? {}) as HttpApiConfig;
}

/** The checks in the server's order: route (Go ServeMux), then POST, then the API key. */
export function httpStage(req: RecordedRequest, variant: VariantName, methods: ReadonlySet<string>): { refusal: Refusal } | { route: Route } {
  const [pathname = '', query = ''] = req.path.split('?', 2);
  if (/\/\/|\/\.\.?(\/|$)/.test(pathname)) return { refusal: 'redirect' };
  // an empty handler_prefix is a zero value, which the config loader replaces with the default
  const prefix = (httpApi(variant).handler_prefix || '/api').replace(/\/$/, '');
  let route: Route | undefined;
  if (pathname === prefix) route = { kind: 'legacy' };
  else if (pathname.startsWith(`${prefix}/`) && methods.has(pathname.slice(prefix.length + 1))) route = { kind: 'method', method: pathname.slice(prefix.length + 1) };
  if (route === undefined) return { refusal: 'route' };
  if (req.method !== 'POST') return { refusal: 'method' };
  if (!keyAccepted(req, query, httpApi(variant))) return { refusal: 'auth' };
  return { route };
}

/** `APIKeyAuth`: X-API-Key, else `Authorization: apikey <key>`; then `?api_key=` if still refused. */
function keyAccepted(req: RecordedRequest, query: string, api: HttpApiConfig): boolean {
  if (api.insecure === true) return true;
  const key = api.key ?? '';
  if (key === '') return false;
  let ok: boolean;
  const xApiKey = header(req, 'X-API-Key') ?? '';
  if (xApiKey !== '') ok = xApiKey === key;
  else {
    const parts = (header(req, 'Authorization') ?? '').split(/\s+/).filter((p) => p !== '');
    ok = parts.length === 2 && parts[0]?.toLowerCase() === 'apikey' && parts[1] === key;
  }
  if (!ok && query !== '') ok = new URLSearchParams(query).get('api_key') === key;
  return ok;
}

/** Whether a failed method answers with its HTTP status and the bare error (not for batch). */
export function transportErrorMode(req: RecordedRequest, variant: VariantName): boolean {
  return header(req, 'X-Centrifugo-Error-Mode') === 'transport' || httpApi(variant).error_mode === 'transport';
}

/** The legacy route's method table (`Command_MethodType_value`): names are upper-cased before lookup. */
export const LEGACY_METHODS: readonly (readonly [string, number])[] = [
  ['publish', 0], ['broadcast', 1], ['unsubscribe', 2], ['disconnect', 3], ['presence', 4], ['presence_stats', 5], ['history', 6],
  ['history_remove', 7], ['channels', 8], ['info', 9], ['rpc', 10], ['subscribe', 11], ['refresh', 12],
  ['map_publish', 33], ['map_remove', 34], ['map_read_state', 35], ['map_read_stream', 36], ['map_stats', 37], ['map_clear', 38], ['shared_poll_publish', 39],
];
/** Centrifugo PRO names the table also knows (14–32): they decode, and answer 104. */
export const LEGACY_PRO_NAMES = [
  'connections', 'update_user_status', 'get_user_status', 'delete_user_status', 'block_user', 'unblock_user', 'revoke_token', 'invalidate_user_tokens',
  'device_register', 'device_update', 'device_remove', 'device_list', 'device_topic_list', 'device_topic_update', 'user_topic_list', 'user_topic_update',
  'send_push_notification', 'update_push_status', 'cancel_push',
];

/**
 * Splits a body into the JSON values a `json.Decoder` reads one after another (any whitespace
 * between them). Returns the values' texts and the rest that is not a whole object or array
 * (garbage, a scalar), if any.
 */
export function splitJsonStream(text: string): { values: string[]; rest: string } {
  const values: string[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) return { values, rest: '' };
    const open = text[i];
    if (open !== '{' && open !== '[') return { values, rest: text.slice(i) };
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) break;
    }
    if (depth !== 0) return { values, rest: text.slice(i) };
    values.push(text.slice(i, j + 1));
    i = j + 1;
  }
}
