import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../src/args.js';
import { CliError } from '../src/errors.js';

function usageProblem(argv: string[]): string {
  try {
    parseInvocation(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).problem;
  }
  throw new Error('expected a usage error');
}

describe('parseInvocation: the grammar', () => {
  it('reads cent SECTION METHOD and cent METHOD, options anywhere', () => {
    expect(parseInvocation(['local', 'publish', '--params={"a":1}'])).toMatchObject({
      kind: 'call',
      section: 'local',
      method: 'publish',
      params: '{"a":1}',
    });
    expect(parseInvocation(['--params', '{}', 'publish', '--address', 'http://h', '--secret', 's'])).toMatchObject({
      kind: 'call',
      section: undefined,
      method: 'publish',
      params: '{}',
      options: { address: 'http://h', secret: 's', raw: false, verbose: false, validate: true },
    });
    expect(parseInvocation(['stats', '-v', '--raw', '--no-validate', '--timeout', '1.5'])).toMatchObject({
      options: { verbose: true, raw: true, validate: false, timeout: '1.5' },
    });
  });

  it('expands unambiguous prefixes as argparse did (--par, --conf), and refuses ambiguous ones', () => {
    expect(parseInvocation(['local', 'channels', '--conf', 'f', '--par={}'])).toMatchObject({
      section: 'local',
      params: '{}',
      options: { config: 'f' },
    });
    expect(parseInvocation(['x', '--addr', 'a', '--sec', 's', '--t', '3'])).toMatchObject({
      options: { address: 'a', secret: 's', timeout: '3' },
    });
    expect(usageProblem(['x', '--ver'])).toBe('ambiguous option --ver (could be --verbose, --version)');
    expect(usageProblem(['x', '--nope'])).toBe('unknown option --nope');
  });

  it("leaves an option's value alone even when it looks like an option", () => {
    expect(parseInvocation(['publish', '--params=--x'])).toMatchObject({ params: '--x' });
    expect(usageProblem(['publish', '--secret', '--x'])).toBe(
      'the value of --secret starts with "-": write --secret=VALUE',
    );
    expect(parseInvocation(['publish', '--secret=--x'])).toMatchObject({ options: { secret: '--x' } });
  });

  it('takes --batch with at most a SECTION', () => {
    expect(parseInvocation(['--batch', 'f.jsonl'])).toMatchObject({
      kind: 'batch',
      section: undefined,
      batch: 'f.jsonl',
    });
    expect(parseInvocation(['local', '--batch', '-'])).toMatchObject({ kind: 'batch', section: 'local', batch: '-' });
    expect(usageProblem(['local', 'publish', '--batch', 'f'])).toBe('unexpected argument publish');
    expect(usageProblem(['--batch', 'f', '--params', '{}'])).toBe('--params and --batch cannot be used together');
  });

  it('reads help in all its forms', () => {
    expect(parseInvocation(['--help'])).toEqual({ kind: 'help', topic: undefined, strict: false });
    expect(parseInvocation(['-h'])).toEqual({ kind: 'help', topic: undefined, strict: false });
    expect(parseInvocation(['publish', '--help'])).toEqual({ kind: 'help', topic: 'publish', strict: false });
    expect(parseInvocation(['local', 'publish', '--he'])).toEqual({ kind: 'help', topic: 'publish', strict: false });
    expect(parseInvocation(['help'])).toEqual({ kind: 'help', topic: undefined, strict: true });
    expect(parseInvocation(['help', 'history'])).toEqual({ kind: 'help', topic: 'history', strict: true });
    expect(parseInvocation(['--version'])).toEqual({ kind: 'version' });
  });

  it('refuses missing, extra and malformed arguments with a usage error', () => {
    expect(usageProblem([])).toBe('missing METHOD');
    expect(usageProblem(['local', 'publish', 'extra'])).toBe('unexpected argument extra');
    expect(usageProblem(['publish', '--params'])).toBe('--params needs a value');
    expect(usageProblem(['publish', '--raw=yes'])).toBe('--raw takes no value');
    expect(usageProblem(['publish', '-x'])).toBe('unknown option -x');
    expect(usageProblem(['help', 'a', 'b'])).toBe('unexpected argument b');
  });
});
