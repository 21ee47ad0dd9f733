import type { Emitter } from '../emit/emitter.js';
import { cliHelpEmitter } from './cli-help/index.js';
import { clientEmitter } from './client/index.js';
import { docsEmitter } from './docs/index.js';
import { fixturesEmitter } from './fixtures/index.js';
import { mockGlueEmitter } from './mock-glue/index.js';
import { openapiEmitter } from './openapi/index.js';
import { protocolTableEmitter } from './protocol-table/index.js';
import { typesEmitter } from './types/index.js';
import { validatorsEmitter } from './validators/index.js';

/** Every emitter. Adding an output is adding a folder beside these and a line here. */
export const emitters: readonly Emitter[] = [
  typesEmitter,
  validatorsEmitter,
  protocolTableEmitter,
  clientEmitter,
  fixturesEmitter,
  mockGlueEmitter,
  cliHelpEmitter,
  docsEmitter,
  openapiEmitter,
];
