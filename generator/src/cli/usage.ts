/** The help texts: `centkit --help`, and `centkit <command> --help` for each command. */

export const COMMAND_USAGE = {
  generate: `usage: centkit generate [--config FILE] [--protocol NAME] [--check] [--quiet]
       centkit generate --schema DIR [--out DIR] [--check] [--quiet]

Generates every protocol of the config (default: ./centkit.config.json) in one run: for each,
load → validate → IR → the configured emitters, each writing into its "out" folder; then writes
all files at once (or none, when a schema is broken). --protocol NAME generates (or checks) that
protocol of the config alone; files of the other protocols are left as they are. With --schema,
one protocol with the default layout instead (every emitter, into packages/*/src/gen and
docs/api of --out, default .).

options:
  --config FILE   the generator config (format: generator/centkit.config.schema.json)
  --protocol NAME only this protocol of the config (its "name", default its schema folder's name)
  --schema DIR    one protocol definition folder (holding protocol.json), default layout
  --out DIR       with --schema: the folder generated paths are relative to (default .)
  --check         write nothing; list stale files and exit 1 if any
  --quiet         print nothing on success
  -h, --help      this text`,
  diff: `usage: centkit diff OLD NEW [--json] [--fail-on breaking|unknown|any] [--side callers|implementers]

Classifies every change between two protocol definitions as breaking or compatible, for callers
and for implementers, and suggests a version bump. OLD and NEW are schema folders or snapshot
files (a protocol's "snapshot" in the config: what was last generated).

options:
  --json          machine-readable output (format centkit-diff/1)
  --fail-on L     exit 1 when a change at level L is found (breaking, unknown, any)
  --side S        with --fail-on: judge only callers or implementers (default both)
  -h, --help      this text`,
  contract: `usage: centkit contract --address URL [--secret S | --api-key K | --insecure]
                        [--schema DIR | --protocol NAME] [--config FILE] [--transport ID]
                        [--channel C] [--junit FILE] [--timeout MS]

Calls every method once on a live server, as the protocol's transport descriptor says, with
schema-derived params (writing only into the contract channel, touching only made-up users), and
checks every reply against the schemas. Which protocol: --schema DIR; else --protocol NAME (default:
the first) of the config (--config, default ./centkit.config.json when present), else of the
protocols shipped with this package.

options:
  --address URL   the server (the transport's path is appended)
  --secret S      HMAC secret, for a transport signed with hmac (env CENTKIT_SECRET)
  --api-key K     API key, for a transport with api-key auth (env CENTKIT_API_KEY)
  --insecure      send no credentials (a server set to skip the check)
  --transport ID  an HTTP transport of the protocol (default: its default HTTP transport)
  --channel C     the channel probes publish into (default: the probe plan's)
  --junit FILE    also write the report as JUnit XML
  --timeout MS    per request (default 5000)
  -h, --help      this text

Credentials never appear in the output.`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const USAGE = `usage: centkit <command> [options]

commands:
  generate    generate every configured protocol (./centkit.config.json), or one (--protocol NAME, --schema DIR)
  diff        classify the changes between two protocol definitions, suggest a version bump
  contract    check a live server's replies against the protocol's schemas

  centkit <command> --help    options of a command
  centkit --version           the generator's version

exit codes: 0 ok, 1 schema or config problems, stale files, changes at --fail-on or contract
            mismatches, 2 usage error, 3 internal error`;
