/**
 * The shape of the generated help data (`src/gen/help.gen.ts`, written by the generator's
 * `cli-help` emitter from the protocol schema). Everything the help prints about methods
 * comes from here, so a method added to the schema appears with no hand edit.
 */
export interface HelpData {
  readonly protocol: { readonly name: string; readonly title: string; readonly version: string };
  /** In the order of the protocol definition. */
  readonly methods: readonly MethodHelp[];
}

export interface MethodHelp {
  readonly name: string;
  readonly description: string;
  /** Server version the method appeared in. */
  readonly since: string;
  /** `read`: changes nothing on the server. */
  readonly effect: 'read' | 'write';
  readonly fields: readonly FieldHelp[];
  /** Example params (JSON values), from the schema's `examples`. */
  readonly examples: readonly unknown[];
}

export interface FieldHelp {
  readonly name: string;
  /** For humans: `string`, `any`, `string[]`, `string | null`. */
  readonly type: string;
  /** A well-behaved caller sends it (the typed view the CLI checks params against). */
  readonly required: boolean;
  readonly description: string;
  /** Server version the field appeared in. */
  readonly since: string;
}
