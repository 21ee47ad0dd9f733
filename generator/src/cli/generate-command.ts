import path from 'node:path';
import { generate } from '../pipeline/generate.js';
import type { CliIo } from './io.js';
import { CliUsageError } from './io.js';

export const DEFAULT_SCHEMA = 'schema/centrifugo-v1';

interface Parsed {
  readonly values: { schema?: string | undefined; out?: string | undefined; check?: boolean | undefined; quiet?: boolean | undefined };
  readonly positionals: string[];
}

/** `centkit generate`: regenerate, or with `--check` list what is stale. */
export async function generateCommand({ values, positionals }: Parsed, io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  const started = performance.now();
  const outDir = path.resolve(io.cwd, values.out ?? '.');
  const schemaDir = path.resolve(io.cwd, values.schema ?? DEFAULT_SCHEMA);
  const report = await generate({ schemaDir, outDir, check: values.check === true });
  const total = performance.now() - started;
  const t = report.timings;
  const stages = `load ${ms(t.load)}, validate ${ms(t.validate)}, IR ${ms(t.ir)}, emit ${ms(t.emit)}, write ${ms(t.write)}`;

  if (values.check === true) {
    const stale = report.plan.statuses.filter((s) => s.status !== 'unchanged');
    if (stale.length === 0) {
      if (values.quiet !== true) io.stdout.write(`centkit: ${report.plan.unchanged.length} generated files from ${report.source} are up to date (${ms(total)})\n`);
      return 0;
    }
    io.stderr.write(`centkit: ${stale.length} generated file${stale.length === 1 ? ' is' : 's are'} stale; run \`npm run generate\`:\n`);
    for (const s of stale) io.stderr.write(`  ${s.status.padEnd(9)} ${s.path}\n`);
    return 1;
  }
  if (values.quiet !== true) {
    io.stdout.write(`centkit: generated from ${report.source}\n`);
    for (const s of report.plan.statuses) io.stdout.write(`  ${s.status === 'stale' ? 'removed' : s.status.padEnd(9)} ${s.path}\n`);
    io.stdout.write(`centkit: ${report.plan.statuses.length} files (${report.plan.write.length} written, ${report.plan.remove.length} removed) in ${ms(total)} [${stages}]\n`);
  }
  return 0;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
