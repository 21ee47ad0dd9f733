/**
 * The marker every generated file starts with. It names the source schema and nothing that
 * changes from run to run (no date, no tool version), so output stays byte-identical.
 */
export const GENERATED_MARKER = '@generated';

export function headerLines(source: string): string[] {
  return [
    `${GENERATED_MARKER} by centkit from ${source}. Do not edit: change the schema and run \`npm run generate\`.`,
  ];
}

export function tsHeader(source: string): string {
  return headerLines(source)
    .map((line) => `// ${line}`)
    .join('\n');
}

export function markdownHeader(source: string): string {
  return headerLines(source)
    .map((line) => `<!-- ${line} -->`)
    .join('\n');
}

/** Whether a file's text carries the generated header (checked on its first lines only). */
export function isGenerated(text: string): boolean {
  return text.slice(0, 400).includes(`${GENERATED_MARKER} by centkit`);
}
