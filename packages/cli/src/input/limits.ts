/**
 * How much `cent` reads and sends, so that no input grows its memory without bound and no
 * request is sent that the server cannot read.
 */

/** A `.centrc` is a few lines; anything this big is not one. */
export const MAX_CONFIG_BYTES = 1 << 20;

/** A config file that is a FIFO (`--config <(...)`, `mkfifo`) must be written within this. */
export const CONFIG_WAIT_MS = 3000;

/**
 * Go's net/http reads at most 10 MiB of an urlencoded body (`maxFormSize` in
 * `Request.ParseForm`); of a larger one it reads nothing, so Centrifugo finds no `sign` and
 * answers 400 without running any command.
 */
export const MAX_FORM_BODY_BYTES = 10 << 20;

/**
 * Centrifugo 1.x reads a JSON body whole, with no limit; `cent` keeps each request under this,
 * so that the request in memory stays bounded.
 */
export const MAX_JSON_BODY_BYTES = 64 << 20;

/** Params read from stdin (`--params -`, or a pipe): no request can carry more. */
export const MAX_STDIN_PARAMS_BYTES = MAX_JSON_BODY_BYTES;
