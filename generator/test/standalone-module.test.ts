import path from 'node:path';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { describe, expect, it } from 'vitest';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { standaloneModule } from '../src/emitters/validators/standalone-module.js';
import { standaloneAjv } from '../src/emitters/validators/standalone-ajv.js';
import type { ProtocolIR } from '../src/ir/types.js';
import { syntheticScratch } from './support/speed-up-jobs.js';
import { fixture, repoRoot } from './support/workspace.js';

// ajv's standalone module is CommonJS: under NodeNext its `export default` arrives as `.default`.
const standaloneCode = (standaloneCodeModule as unknown as { default: typeof standaloneCodeModule.default }).default;

/** Both views of every named schema, as the validators emitter exports them. */
function refsOf(ir: ProtocolIR): Record<string, string> {
  return Object.fromEntries(
    ir.schemas.flatMap((s) => [
      [`validate${s.name}`, `typed#/definitions/${s.name}`],
      [`validate${s.name}Wire`, `wire#/definitions/${s.name}`],
    ]),
  );
}

describe("the linear standalone assembly (a speed-up) against ajv's standaloneCode (the reference)", () => {
  const scratch = syntheticScratch('standalone');

  it.each([
    ['centrifugo-v1', () => path.join(repoRoot, 'schema/centrifugo-v1')],
    ['centrifugo-v1.0', () => path.join(repoRoot, 'schema/centrifugo-v1.0')],
    ['kvstore', () => fixture('kvstore')],
    ['mini-v6', () => fixture('mini-v6')],
    ['a synthetic protocol of 40 methods', () => scratch.synthetic()],
  ])('gives the same bytes on %s', async (_name, dir) => {
    const { ir } = await loadProtocol(dir(), repoRoot);
    const refs = refsOf(ir);
    const fast = standaloneModule(standaloneAjv(ir), refs);
    expect(fast).toBe(standaloneCode(standaloneAjv(ir), refs));
    expect(fast.length).toBeGreaterThan(1000);
  });
});
