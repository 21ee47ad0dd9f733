import type { SchemaSet } from '../load/load-schema-set.js';
import { MANIFEST_FILE } from '../load/load-schema-set.js';
import type { Manifest, ManifestTransport } from '../load/manifest.js';
import type { Problem } from './problem.js';

/** Placeholders each pattern may hold. */
const PATH_PLACEHOLDERS = new Set(['method']);
const SHARD_PLACEHOLDERS = new Set(['shard']);

/**
 * What the transport meta-schema cannot say alone: the binding matches the kind, each shape has
 * the fields it needs, placeholders are known, the batch method and the error type exist, the
 * places auth is sent fit the binding, at most one transport is the default. Every problem is
 * reported, each at its JSON pointer in the manifest.
 */
export function checkTransports(set: SchemaSet, manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const methods = new Set(manifest.methods.map((m) => m.name));
  manifest.transports.forEach((t, i) => {
    const at = `/transports/${i}`;
    const report = (path: string, message: string) =>
      problems.push({
        code: 'transport-invalid',
        file: MANIFEST_FILE,
        path: `${at}${path}`,
        message: `transport "${t.id}": ${message}`,
      });
    checkBinding(t, report);
    checkShapes(t, report);
    checkAuth(t, report);
    if (t.batch?.item === 'keyed' && !methods.has(t.batch.method))
      report('/batch/method', `batch method "${t.batch.method}" is not a method of the protocol`);
    if (t.batch?.item === 'keyed' && t.methods !== undefined && !t.methods.includes(t.batch.method))
      report('/batch/method', `batch method "${t.batch.method}" is not among the methods it carries`);
    if (t.batch?.item === 'array' && t.request.shape !== 'commands')
      report('/batch/item', 'an array batch needs requests of shape "commands"');
    if (t.error !== undefined) problems.push(...checkErrorType(set, manifest, t, at));
  });
  const defaults = manifest.transports.flatMap((t, i) => (t.default === true ? [i] : []));
  for (const i of defaults.slice(1)) {
    problems.push({
      code: 'transport-invalid',
      file: MANIFEST_FILE,
      path: `/transports/${i}/default`,
      message: `only one transport can be the default (also /transports/${defaults[0]})`,
    });
  }
  return problems;
}

type Report = (path: string, message: string) => void;

function checkBinding(t: ManifestTransport, report: Report): void {
  if (t.kind === 'http' && t.http === undefined) report('', 'an http transport needs "http"');
  if (t.kind === 'queue' && t.queue === undefined) report('', 'a queue transport needs "queue"');
  if (t.kind !== 'http' && t.http !== undefined) report('/http', `a ${t.kind} transport takes no "http"`);
  if (t.kind !== 'queue' && t.queue !== undefined) report('/queue', `a ${t.kind} transport takes no "queue"`);
  if (t.http !== undefined) checkPlaceholders(t.http.path, PATH_PLACEHOLDERS, '/http/path', report);
  if (t.queue?.shardKey !== undefined)
    checkPlaceholders(t.queue.shardKey, SHARD_PLACEHOLDERS, '/queue/shardKey', report);
  if (t.http?.body === 'json' && t.http.dataField !== undefined)
    report('/http/dataField', 'a JSON body has no form field');
}

function checkShapes(t: ManifestTransport, report: Report): void {
  const { request, reply } = t;
  if (request.shape === 'commands') {
    if (request.method === undefined)
      report('/request', 'requests of shape "commands" need "method" (the field naming the method)');
    if (request.params === undefined)
      report('/request', 'requests of shape "commands" need "params" (the field holding the params)');
  } else {
    for (const field of ['envelope', 'method', 'params'] as const)
      if (request[field] !== undefined) report(`/request/${field}`, `requests of shape "params" take no "${field}"`);
    if (t.kind !== 'http')
      report('/request/shape', 'requests of shape "params" need an http transport (the method is in the path)');
    else if (t.http?.path.includes('{method}') !== true)
      report('/http/path', 'requests of shape "params" need "{method}" in the path');
    if (t.http?.body === 'form') report('/http/body', 'requests of shape "params" are a JSON body');
  }
  if (reply.shape === 'none') {
    for (const field of ['envelope', 'method', 'result', 'error'] as const)
      if (reply[field] !== undefined) report(`/reply/${field}`, `replies of shape "none" take no "${field}"`);
  } else {
    if (reply.result === undefined)
      report('/reply', `replies of shape "${reply.shape}" need "result" (the field holding the result)`);
    if (reply.error === undefined)
      report('/reply', `replies of shape "${reply.shape}" need "error" (the field holding the error)`);
    if (reply.shape === 'envelope' && reply.method !== undefined)
      report('/reply/method', 'replies of shape "envelope" do not echo the method');
  }
  if (request.shape === 'params' && reply.shape === 'commands')
    report('/reply/shape', 'replies of shape "commands" answer requests of shape "commands"');
}

function checkAuth(t: ManifestTransport, report: Report): void {
  const auth = t.auth;
  if (auth === undefined) return;
  if (t.kind !== 'http') report('/auth', 'auth is sent over HTTP only');
  if (auth.scheme === 'hmac') {
    if ((auth.field === undefined) === (auth.header === undefined))
      report('/auth', 'hmac auth sends the sign in exactly one of "field" or "header"');
    if (auth.field !== undefined && t.http?.body !== 'form')
      report('/auth/field', 'a sign in a form field needs a form body');
    if (t.request.shape !== 'commands')
      report('/auth/over', 'hmac auth signs the encoded commands: it needs requests of shape "commands"');
  }
}

function checkPlaceholders(pattern: string, known: ReadonlySet<string>, path: string, report: Report): void {
  for (const [, name] of pattern.matchAll(/\{([^{}]*)\}/g)) {
    if (!known.has(name ?? ''))
      report(
        path,
        `unknown placeholder "{${name ?? ''}}" in "${pattern}" (known: ${[...known].map((k) => `{${k}}`).join(', ')})`,
      );
  }
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) report(path, `unbalanced braces in "${pattern}"`);
}

/** The error type is a shared type of the manifest whose properties include the code and message fields. */
function checkErrorType(set: SchemaSet, manifest: Manifest, t: ManifestTransport, at: string): Problem[] {
  const error = t.error;
  if (error === undefined) return [];
  const problem = (path: string, message: string): Problem => ({
    code: 'transport-invalid',
    file: MANIFEST_FILE,
    path: `${at}/error${path}`,
    message: `transport "${t.id}": ${message}`,
  });
  if (!(manifest.types ?? []).includes(error.type))
    return [problem('/type', `error type "${error.type}" is not one of the manifest's types`)];
  const schema = set.files.get(error.type) as { properties?: Record<string, unknown> } | undefined;
  if (schema === undefined) return [];
  const properties = schema.properties ?? {};
  return (['code', 'message'] as const)
    .filter((field) => error[field] !== undefined && !Object.hasOwn(properties, error[field] as string))
    .map((field) => problem(`/${field}`, `the error type ${error.type} has no property "${String(error[field])}"`));
}
