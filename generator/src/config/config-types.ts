/** `centkit.config.json` once `centkit.config.schema.json` has accepted it. */
export interface CentkitConfig {
  readonly protocols: readonly ProtocolConfig[];
}

export interface ProtocolConfig {
  readonly name?: string;
  readonly schema: string;
  readonly snapshot?: string;
  readonly emitters: Readonly<Record<string, EmitterConfig>>;
}

export interface EmitterConfig {
  readonly out: string;
  readonly changelog?: string;
  readonly options?: { readonly [name: string]: unknown };
}

/** The file `centkit generate` reads when given neither `--config` nor `--schema`. */
export const CONFIG_FILE = 'centkit.config.json';
