/** One command the mock received, as the control API reports it. */
export type Transport = 'http' | 'redis';

/**
 * `ok`: ran, `error: null`. `error`: a soft error in its reply (HTTP 200). `rejected`: a hard
 * error that made the whole request fail (HTTP 400; the string says why). `ignored`: a queue
 * item with a method the Redis API does not run.
 */
export type CommandOutcome = 'ok' | 'error' | 'rejected' | 'ignored';

export interface RecordedCommand {
  /** Global order, from 1. */
  readonly seq: number;
  /** The HTTP request or queue item it came in; commands of one batch share it. */
  readonly requestId: number;
  /** Position within that request's batch. */
  readonly index: number;
  readonly transport: Transport;
  /** The command-level `uid` ('' when absent). */
  readonly uid: string;
  readonly method: string;
  /** `params` as JSON.parse sees them (undefined when absent). */
  readonly params: unknown;
  /** `params` exactly as received. */
  readonly paramsJson: string | undefined;
  /** Channels the command names (`channel`, or `channels` for broadcast). */
  readonly channels: readonly string[];
  readonly outcome: CommandOutcome;
  /** Soft error string, or why the request was rejected; null on success. */
  readonly error: string | null;
  readonly advice: string | null;
  /** The reply's `body` (undefined when rejected or ignored). */
  readonly body: unknown;
  /** Mock clock time, ms. */
  readonly at: number;
}

/** What the recorder is given: a recorded command before it has a `seq`, with its body still JSON. */
export type RecordInput = Omit<RecordedCommand, 'seq' | 'params' | 'body'> & { readonly bodyJson: string | undefined };

/** Stores raw JSON and parses it only when someone looks, keeping the hot path cheap. */
export class StoredCommand implements RecordedCommand {
  readonly requestId: number;
  readonly index: number;
  readonly transport: Transport;
  readonly uid: string;
  readonly method: string;
  readonly paramsJson: string | undefined;
  readonly channels: readonly string[];
  readonly outcome: CommandOutcome;
  readonly error: string | null;
  readonly advice: string | null;
  readonly at: number;
  private readonly bodyJson: string | undefined;

  constructor(
    readonly seq: number,
    input: RecordInput,
  ) {
    this.requestId = input.requestId;
    this.index = input.index;
    this.transport = input.transport;
    this.uid = input.uid;
    this.method = input.method;
    this.paramsJson = input.paramsJson;
    this.channels = input.channels;
    this.outcome = input.outcome;
    this.error = input.error;
    this.advice = input.advice;
    this.bodyJson = input.bodyJson;
    this.at = input.at;
  }

  get params(): unknown {
    return parse(this.paramsJson);
  }

  get body(): unknown {
    return parse(this.bodyJson);
  }

  toJSON(): RecordedCommand {
    const {
      seq,
      requestId,
      index,
      transport,
      uid,
      method,
      params,
      paramsJson,
      channels,
      outcome,
      error,
      advice,
      body,
      at,
    } = this;
    return {
      seq,
      requestId,
      index,
      transport,
      uid,
      method,
      params,
      paramsJson,
      channels,
      outcome,
      error,
      advice,
      body,
      at,
    };
  }

  /**
   * The JSON text `toJSON` stands for, with `params` and `body` written as received instead of
   * parsed and stringified again: JSON.stringify recurses, and a publish nested 5,000 deep (Go
   * takes up to 10,000) would overflow the stack.
   */
  toJsonText(): string {
    const raw = (key: string, json: string | undefined) => (json === undefined ? '' : `,"${key}":${json}`);
    const { seq, requestId, index, transport, uid, method, paramsJson, channels, outcome, error, advice, at } = this;
    const head = JSON.stringify({ seq, requestId, index, transport, uid, method }).slice(0, -1);
    const tail = JSON.stringify({ channels, outcome, error, advice }).slice(1, -1);
    return `${head}${raw('params', paramsJson)}${paramsJson === undefined ? '' : `,"paramsJson":${JSON.stringify(paramsJson)}`},${tail}${raw('body', this.bodyJson)},"at":${JSON.stringify(at)}}`;
  }
}

/** A recorded command as JSON text (see `StoredCommand.toJsonText`). */
export function commandJsonText(command: RecordedCommand): string {
  return command instanceof StoredCommand ? command.toJsonText() : JSON.stringify(command);
}

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
