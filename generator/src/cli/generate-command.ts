import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/config-types.js';
import { displayPath, loadConfig } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import { emitters } from '../emitters/index.js';
import { generate, generateAll, type GenerateReport } from '../pipeline/generate.js';
import type { CliIo } from './io.js';
import { CliUsageError } from './io.js';
import { startStandaloneWorker } from '../emitters/validators/off-thread.js';

interface Parsed {
  readonly values: {
    config?: string | undefined;
    schema?: string | undefined;
    out?: string | undefined;
    protocol?: string | undefined;
    check?: boolean | undefined;
    quiet?: boolean | undefined;
  };
  readonly positionals: string[];
}

/** `centkit generate`: regenerate every configured protocol (or one: `--protocol NAME`, or `--schema`), or with `--check` list what is stale. */
export async function generateCommand({ values, positionals }: Parsed, io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  if (values.config !== undefined && values.schema !== undefined)
    throw new CliUsageError('give either --config FILE or --schema DIR, not both');
  if (values.out !== undefined && values.schema === undefined)
    throw new CliUsageError('--out goes with --schema; a config names each output folder itself');
  if (values.protocol !== undefined && values.schema !== undefined)
    throw new CliUsageError('--protocol picks a protocol of the config; with --schema DIR there is only that one');
  const started = performance.now();
  // Loads ajv on a second thread now, to compile the validators there while this one prints.
  startStandaloneWorker();
  const check = values.check === true;
  const report =
    values.schema === undefined
      ? await generateFromConfig(values.config, values.protocol, check, io)
      : await generate({
          schemaDir: path.resolve(io.cwd, values.schema),
          outDir: path.resolve(io.cwd, values.out ?? '.'),
          check,
        });
  print(report, check, values.quiet === true, performance.now() - started, io);
  return check && !report.upToDate ? 1 : 0;
}

async function generateFromConfig(
  file: string | undefined,
  protocol: string | undefined,
  check: boolean,
  io: CliIo,
): Promise<GenerateReport> {
  const configFile = path.resolve(io.cwd, file ?? CONFIG_FILE);
  if (file === undefined && !existsSync(configFile)) {
    throw new CliUsageError(
      `no ${CONFIG_FILE} in ${io.cwd}; give --config FILE, or --schema DIR for one protocol with the default layout`,
    );
  }
  const display = displayPath(configFile, io.cwd);
  const root = path.dirname(configFile);
  const jobs = resolveConfig(await loadConfig(configFile, display), root, emitters, display);
  if (protocol === undefined) return generateAll({ root, protocols: jobs, check });
  const picked = jobs.filter((job) => job.name === protocol);
  if (picked.length === 0)
    throw new CliUsageError(
      `no protocol "${protocol}" in ${display} (protocols: ${jobs.map((job) => job.name).join(', ')})`,
    );
  // The other protocols' folders are theirs: a file of theirs inside a folder of this one is not stale.
  const others = jobs.filter((job) => job.name !== protocol).flatMap((job) => job.emitters.map((r) => r.out));
  return generateAll({ root, protocols: picked, othersOwn: others, check });
}

function print(report: GenerateReport, check: boolean, quiet: boolean, total: number, io: CliIo): void {
  const t = report.timings;
  const stages = `load ${ms(t.load)}, validate ${ms(t.validate)}, IR ${ms(t.ir)}, emit ${ms(t.emit)}, write ${ms(t.write)}`;
  if (check) {
    const stale = report.plan.statuses.filter((s) => s.status !== 'unchanged');
    if (stale.length === 0) {
      if (!quiet)
        io.stdout.write(
          `centkit: ${report.plan.unchanged.length} generated files from ${report.source} are up to date (${ms(total)})\n`,
        );
      return;
    }
    io.stderr.write(
      `centkit: ${stale.length} generated file${stale.length === 1 ? ' is' : 's are'} stale; run \`npm run generate\`:\n`,
    );
    for (const s of stale) io.stderr.write(`  ${s.status.padEnd(9)} ${s.path}\n`);
    return;
  }
  if (quiet) return;
  io.stdout.write(`centkit: generated from ${report.source}\n`);
  for (const s of report.plan.statuses)
    io.stdout.write(`  ${s.status === 'stale' ? 'removed' : s.status.padEnd(9)} ${s.path}\n`);
  if (report.protocols.length > 1) {
    for (const p of report.protocols)
      io.stdout.write(
        `  ${p.name}: load ${ms(p.timings.load)}, validate ${ms(p.timings.validate)}, IR ${ms(p.timings.ir)}, emit ${ms(p.timings.emit)}\n`,
      );
  }
  io.stdout.write(
    `centkit: ${report.plan.statuses.length} files (${report.plan.write.length} written, ${report.plan.remove.length} removed) in ${ms(total)} [${stages}]\n`,
  );
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
