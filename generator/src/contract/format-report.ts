import type { Mismatch } from './check-reply.js';
import type { ContractReport } from './run-contract.js';

export function countResults(report: ContractReport): { pass: number; fail: number; skip: number } {
  const count = (status: string) => report.results.filter((r) => r.status === status).length;
  return { pass: count('pass'), fail: count('fail'), skip: count('skip') };
}

/** One line per mismatch: `/body/data (typed): expected type object, got null`. */
export function mismatchLine(m: Mismatch): string {
  const where = m.view === 'http' ? 'request' : `${m.path === '' ? '/' : m.path} (${m.view})`;
  return `${where}: expected ${m.expected}, got ${m.got}`;
}

/** The readable report: one line per method (PASS, FAIL with its mismatches, SKIP with why), then totals. */
export function formatContractText(report: ContractReport): string {
  const lines = [
    `centkit contract: ${report.protocol.name} ${report.protocol.version} against ${report.url} (transport ${report.transport}), channel ${report.channel}, user ${report.user}`,
  ];
  for (const r of report.results) {
    if (r.status === 'pass')
      lines.push(
        r.expectedError === undefined
          ? `PASS ${r.method}`
          : `PASS ${r.method} (answered the expected error ${r.expectedError})`,
      );
    else if (r.status === 'skip') lines.push(`SKIP ${r.method}: ${r.reason ?? ''}`);
    else {
      lines.push(`FAIL ${r.method} with params ${JSON.stringify(r.params)}`);
      for (const m of r.mismatches) lines.push(`  ${mismatchLine(m)}`);
    }
  }
  const c = countResults(report);
  lines.push(`${report.results.length} methods: ${c.pass} passed, ${c.fail} failed, ${c.skip} skipped`);
  return `${lines.join('\n')}\n`;
}
