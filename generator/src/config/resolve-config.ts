import path from 'node:path';
import type { Emitter } from '../emit/emitter.js';
import type { Problem } from '../validate/problem.js';
import { ConfigError } from './config-error.js';
import type { CentkitConfig, ProtocolConfig } from './config-types.js';
import type { EmitterRun, ProtocolJob } from './protocol-job.js';

/**
 * Turns checked config entries into jobs: paths resolved against `root` (the config's folder),
 * emitters looked up by name. Rules the JSON schema cannot state are checked here, all at once:
 * an emitter's dependencies are configured too, paths stay inside the root, names are unique.
 */
export function resolveConfig(
  config: CentkitConfig,
  root: string,
  registry: readonly Emitter[],
  display: string,
): ProtocolJob[] {
  const problems: Problem[] = [];
  const byName = new Map(registry.map((e) => [e.name, e]));
  const jobs = config.protocols.map((protocol, i) =>
    resolveProtocol(protocol, `/protocols/${i}`, root, byName, (p) => problems.push({ ...p, file: display })),
  );
  jobs.forEach((job, i) => {
    const first = jobs.findIndex((j) => j.name === job.name);
    if (first !== i)
      problems.push({
        code: 'config-invalid',
        file: display,
        path: `/protocols/${i}`,
        message: `protocol "${job.name}" is already configured at /protocols/${first}; give one a "name"`,
      });
  });
  if (problems.length > 0) throw new ConfigError(display, problems);
  return jobs;
}

type Report = (problem: Omit<Problem, 'file'>) => void;

function resolveProtocol(
  protocol: ProtocolConfig,
  at: string,
  root: string,
  registry: ReadonlyMap<string, Emitter>,
  report: Report,
): ProtocolJob {
  const inside = (value: string, where: string): string => {
    const normal = path.posix.normalize(value.split(path.sep).join('/')).replace(/\/+$/, '');
    if (path.isAbsolute(value) || normal === '..' || normal.startsWith('../'))
      report({
        code: 'config-invalid',
        path: where,
        message: `"${value}" leaves the folder of the config; paths are relative to it and stay inside it`,
      });
    return normal;
  };
  const emitters: EmitterRun[] = [];
  for (const [name, entry] of Object.entries(protocol.emitters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const where = `${at}/emitters/${escape(name)}`;
    const emitter = registry.get(name);
    if (emitter === undefined) {
      report({
        code: 'config-invalid',
        path: where,
        message: `unknown emitter "${name}" (emitters: ${[...registry.keys()].join(', ')})`,
      });
      continue;
    }
    for (const dependency of emitter.dependsOn) {
      if (protocol.emitters[dependency] === undefined)
        report({
          code: 'config-invalid',
          path: where,
          message: `emitter "${name}" needs emitter "${dependency}" configured for the same protocol`,
        });
    }
    emitters.push({
      emitter,
      out: inside(entry.out, `${where}/out`),
      options: entry.options ?? {},
      changelog: entry.changelog === undefined ? undefined : inside(entry.changelog, `${where}/changelog`),
    });
  }
  const schemaDir = path.resolve(root, protocol.schema);
  return {
    name: protocol.name ?? path.basename(schemaDir),
    schemaDir,
    snapshot: protocol.snapshot === undefined ? undefined : inside(protocol.snapshot, `${at}/snapshot`),
    emitters,
  };
}

function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
