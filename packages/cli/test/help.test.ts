import { methodNames, methods, validate } from '@centkit/validators';
import { describe, expect, it } from 'vitest';
import { helpData } from '../src/gen/help.gen.js';
import { renderGeneralHelp, renderMethodHelp } from '../src/help/render-help.js';
import { lines, runCent } from './support/cent-process.js';

describe('help data generated from the schema', () => {
  it('has every method of the protocol, with the fields of the method table', () => {
    expect(helpData.methods.map((m) => m.name)).toEqual([...methodNames]);
    for (const method of helpData.methods) {
      const table = methods[method.name as keyof typeof methods];
      expect(method.fields.map((f) => [f.name, f.required])).toEqual(table.fields.map((f) => [f.name, f.required]));
      expect(method.since).toBe(table.since);
    }
  });

  it('gives every method an example that passes the same check cent applies before sending', () => {
    for (const method of helpData.methods) {
      expect(method.examples.length, method.name).toBeGreaterThan(0);
      for (const example of method.examples)
        expect(validate(method.name, 'params', example).ok, `${method.name} ${JSON.stringify(example)}`).toBe(true);
    }
  });
});

describe('rendered help', () => {
  it('lists every method with its first sentence, the grammar, the options and the exit codes', () => {
    const text = renderGeneralHelp(helpData);
    for (const method of helpData.methods) expect(text).toMatch(new RegExp(`^  ${method.name} +\\S`, 'm'));
    expect(text).toContain('cent [SECTION] METHOD [--params JSON] [options]');
    for (const flag of [
      '--params',
      '--batch',
      '--encoding',
      '--config',
      '--address',
      '--secret',
      '--timeout',
      '--raw',
      '--no-validate',
      '--verbose',
      '--help',
      '--version',
    ])
      expect(text).toContain(flag);
    expect(text).toContain('6 auth (HTTP 401)');
    for (const line of lines(text)) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it("shows a method's params with types, required/optional, since, and a pasteable example", () => {
    const publish = helpData.methods.find((m) => m.name === 'publish');
    if (publish === undefined) throw new Error('no publish');
    const text = renderMethodHelp(publish);
    expect(text).toMatch(/^cent publish: Publish data into a channel/);
    expect(text).toContain('  channel (string, required)');
    expect(text).toContain('  data (any, required)');
    expect(text).toContain('  uid (string, optional, since 1.7.7)');
    expect(text).toContain(`cent publish --params '{"channel":"public:chat","data":{"text":"hello"}}'`);
    const broadcast = helpData.methods.find((m) => m.name === 'broadcast');
    expect(broadcast && renderMethodHelp(broadcast)).toContain('  channels (string[], required)');
    const stats = helpData.methods.find((m) => m.name === 'stats');
    expect(stats && renderMethodHelp(stats)).toContain('Params: none ({}).');
    for (const method of helpData.methods) {
      for (const line of lines(renderMethodHelp(method)).filter((l) => !l.startsWith('  cent ')))
        expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });
});

describe('cent --help, cent help METHOD (the real binary)', () => {
  it('prints the general help on stdout, exit 0, for --help, -h and help', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['local', '--help']]) {
      const run = await runCent(args);
      expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toBe(renderGeneralHelp(helpData));
    }
  });

  it("prints a method's help for help METHOD, METHOD --help and SECTION METHOD --help", async () => {
    const history = helpData.methods.find((m) => m.name === 'history');
    for (const args of [
      ['help', 'history'],
      ['history', '--help'],
      ['local', 'history', '-h'],
    ]) {
      expect(await runCent(args)).toEqual({ code: 0, stdout: history && renderMethodHelp(history), stderr: '' });
    }
  });

  it('refuses help for an unknown method, suggesting the closest', async () => {
    const run = await runCent(['help', 'histroy']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^cent: unknown method "histroy"\. The methods are: publish, .*\. Did you mean history\?/),
    ]);
  });

  it('prints the version', async () => {
    expect(await runCent(['--version'])).toEqual({
      code: 0,
      stdout: 'cent 0.1.0 (centrifugo-v1, Centrifugo 1.8.0)\n',
      stderr: '',
    });
  });
});
