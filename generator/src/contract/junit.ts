import { countResults, mismatchLine } from './format-report.js';
import type { ContractReport, ProbeResult } from './run-contract.js';

/**
 * The report as JUnit XML for CI: one test suite, one test case per method (classname: the
 * protocol), a `failure` with every mismatch, or `skipped` with the reason. Every value is
 * escaped; the document is built from lines.
 */
export function formatJunit(report: ContractReport): string {
  const c = countResults(report);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = report.results.reduce((sum, r) => sum + r.ms, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="centkit contract" tests="${report.results.length}" failures="${c.fail}" skipped="${c.skip}" time="${seconds(total)}">`,
    `  <testsuite name="${xml(`${report.protocol.name} ${report.protocol.version} @ ${report.url}`)}" tests="${report.results.length}" failures="${c.fail}" skipped="${c.skip}" errors="0" time="${seconds(total)}">`,
    ...report.results.flatMap((r) => testCase(report, r, seconds)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(report: ContractReport, r: ProbeResult, seconds: (ms: number) => string): string[] {
  const open = `    <testcase classname="${xml(report.protocol.name)}" name="${xml(r.method)}" time="${seconds(r.ms)}"`;
  if (r.status === 'pass') return [`${open}/>`];
  if (r.status === 'skip') return [`${open}>`, `      <skipped message="${xml(r.reason ?? '')}"/>`, '    </testcase>'];
  const lines = r.mismatches.map(mismatchLine);
  return [
    `${open}>`,
    `      <failure message="${xml(lines[0] ?? 'failed')}" type="contract-mismatch">${xml([`params: ${JSON.stringify(r.params)}`, ...lines].join('\n'))}</failure>`,
    '    </testcase>',
  ];
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 cannot carry at all.
      .replace(
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
        (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
  );
}
