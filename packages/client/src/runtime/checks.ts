/**
 * A client's opt-in schema checks: `validateReplies` and `validateParams`, each `true` (the
 * protocol's validators, loaded on first use) or the caller's own function.
 */
import type { Command } from './types.js';
import type { ParamsValidator, ReplyValidator, ValidatorSource } from './reply-validator.js';
import { checkParams, checkReply, loadSchemaValidate } from './reply-validator.js';

export interface CheckOptions {
  validateReplies?: boolean | ReplyValidator | undefined;
  validateParams?: boolean | ParamsValidator | undefined;
}

export class Checks {
  readonly #options: CheckOptions;
  readonly #source: ValidatorSource;
  #replies: Promise<ReplyValidator> | undefined;
  #params: Promise<ParamsValidator> | undefined;

  constructor(options: CheckOptions, source: ValidatorSource) {
    this.#options = options;
    this.#source = source;
  }

  get replies(): boolean {
    return this.#options.validateReplies !== undefined && this.#options.validateReplies !== false;
  }

  get params(): boolean {
    return this.#options.validateParams !== undefined && this.#options.validateParams !== false;
  }

  /** Throws `CentParamsError` for the first command whose params break the schema (`index` in a batch). */
  async checkParams(commands: readonly Command[], batch: boolean): Promise<void> {
    if (!this.params) return;
    const validator = await this.#paramsValidator();
    for (const [i, { method, params }] of commands.entries())
      await checkParams(validator, method, params, batch ? i : undefined);
  }

  /** The body, possibly normalised by the validator, or throws `CentContractError`. */
  async checkResult(method: string, body: unknown, index?: number): Promise<unknown> {
    return checkReply(await this.#replyValidator(), method, body, index);
  }

  #replyValidator(): Promise<ReplyValidator> {
    const option = this.#options.validateReplies;
    if (typeof option === 'function') return Promise.resolve(option);
    this.#replies ??= loadSchemaValidate(this.#source, 'validateReplies').then(
      (validate) => (method, body) => validate(method, 'result', body),
    );
    return this.#replies;
  }

  #paramsValidator(): Promise<ParamsValidator> {
    const option = this.#options.validateParams;
    if (typeof option === 'function') return Promise.resolve(option);
    this.#params ??= loadSchemaValidate(this.#source, 'validateParams').then(
      (validate) => (method, params) => validate(method, 'params', params),
    );
    return this.#params;
  }
}
