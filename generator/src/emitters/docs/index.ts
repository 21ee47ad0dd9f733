import type { EmitContext, Emitter } from '../../emit/emitter.js';
import type { ProtocolIR } from '../../ir/types.js';
import { indexPage } from './index-page.js';
import { code, jsonBlock, page } from './markdown.js';
import { methodPage } from './method-page.js';
import { propertiesTable, typeText } from './schema-text.js';

export interface DocsOptions {
  /** A link, relative to the output folder, to the guide on changing the protocol. */
  readonly changeGuide?: string;
}

/**
 * The Markdown API reference: `README.md` (methods, envelopes, errors, transports), one page
 * per method in `methods/`, and `types.md` for the shared types. Everything comes from the IR,
 * in the order of the protocol definition.
 */
export const docsEmitter: Emitter<DocsOptions> = {
  name: 'docs',
  dependsOn: [],
  emit(ir: ProtocolIR, { options }: EmitContext<DocsOptions>) {
    return [
      { path: 'README.md', content: page(ir.source, indexPage(ir, options.changeGuide)) },
      { path: 'types.md', content: page(ir.source, typesPage(ir)) },
      ...ir.methods.map((m) => ({ path: `methods/${m.name}.md`, content: page(ir.source, methodPage(ir, m)) })),
    ];
  },
};

function typesPage(ir: ProtocolIR): string[] {
  const link = () => '';
  return [
    `# ${ir.title}: shared types`,
    '',
    'Named types that params, results and other types refer to. Back to the [index](README.md).',
    '',
    ...ir.types.flatMap((t) => [
      `## ${t.name}`,
      '',
      t.description ?? '',
      '',
      `Type: ${typeText(t.typed, link)}`,
      '',
      ...propertiesTable(t.typed, link),
      '',
      ...(t.examples.length === 0 ? [] : [`Example ${code(t.name)}:`, '', ...jsonBlock(t.examples[0]), '']),
    ]),
  ];
}
