/**
 * Masks what differs from one recording to the next, so that re-recording gives the same file.
 * Every value that varies becomes a placeholder, the same value the same placeholder across the
 * lines of one file (numbered in order of first appearance, or named after the role the recorder
 * gave it):
 *
 *   epoch (8 letters, seen in a server reply)  "AbCdEfGh"  → "<epoch:1>"
 *   client id of a named connection            "<uuid>"    → "<client:W1>"
 *   any other UUID (node uid, unnamed client)  "<uuid>"    → "<uuid:1>"
 *   a JWT the recorder made                    "eyJ…"      → "<token:u1>"
 *   info: node name (`<host>_<port>`)          "name":"…"  → "name":"<node-name>"
 *   info: uptime / metrics                     "uptime":3  → "uptime":"<uptime>", "metrics":"<metrics>"
 *   map entries: time (unix ms)                "time":17…  → "time":"<time>"
 *   connect/subscribe: token ttl (seconds)     "ttl":3599  → "ttl":"<ttl>"
 *   a unix time the recorder sent (expire_at)  "expire_at":17…  → "expire_at":"<unix-time>"
 *
 * It works on the raw text, so everything else stays byte for byte as the server sent it. A
 * placeholder that replaces a number or an object is a JSON string: bodies stay valid JSON.
 */
export type PlaceholderKind =
  'epoch' | 'client' | 'uuid' | 'token' | 'node-name' | 'uptime' | 'metrics' | 'time' | 'ttl' | 'unix-time';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const EPOCH_FIELD = /"(?:epoch|version_epoch|since_epoch|revision_epoch)":"([A-Za-z]{8})"/g;
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

export class Masker {
  private readonly epochs = new Map<string, string>();
  private readonly uuids = new Map<string, string>();
  private readonly tokens = new Map<string, string>();

  /** Names a connection's client id after its role (`W1` → `<client:W1>`). */
  nameClient(id: string, client: string): void {
    this.uuids.set(id, `<client:${client}>`);
  }

  /** Names a token the recorder made (`u1` → `<token:u1>`). */
  nameToken(token: string, label: string): void {
    this.tokens.set(token, `<token:${label}>`);
  }

  /** Learns the epochs a server reply carries; call it on server output before masking it. */
  learn(serverText: string): void {
    for (const m of serverText.matchAll(EPOCH_FIELD)) {
      const epoch = m[1] as string;
      if (!this.epochs.has(epoch)) this.epochs.set(epoch, `<epoch:${this.epochs.size + 1}>`);
    }
  }

  /**
   * The text with the epoch and id placeholders this masker assigned put back to their values:
   * a replay sends a server's own epochs and ids where the recording had placeholders.
   */
  unmask(text: string): string {
    const values = new Map<string, string>();
    for (const [value, placeholder] of [...this.epochs, ...this.uuids]) values.set(placeholder, value);
    return text.replace(/<(?:epoch|client|uuid):[^>]+>/g, (p) => values.get(p) ?? p);
  }

  /** The masked text, and the kinds of placeholder put in (added to `kinds`). */
  mask(text: string, kinds: Set<PlaceholderKind>): string {
    let out = text.replace(JWT, (jwt) => {
      const name = this.tokens.get(jwt);
      if (name === undefined) return jwt;
      kinds.add('token');
      return name;
    });
    out = out.replace(UUID, (id) => {
      let name = this.uuids.get(id);
      if (name === undefined) {
        name = `<uuid:${[...this.uuids.values()].filter((v) => v.startsWith('<uuid:')).length + 1}>`;
        this.uuids.set(id, name);
      }
      kinds.add(name.startsWith('<client:') ? 'client' : 'uuid');
      return name;
    });
    out = out.replace(/"([A-Za-z]{8})"/g, (whole, word: string) => {
      const name = this.epochs.get(word);
      if (name === undefined) return whole;
      kinds.add('epoch');
      return `"${name}"`;
    });
    if (out.includes('"nodes":[')) {
      out = replaceCounting(out, /("uid":"[^"]*","name":)"[^"]*"/g, '$1"<node-name>"', 'node-name', kinds);
      out = replaceCounting(out, /"uptime":\d+/g, '"uptime":"<uptime>"', 'uptime', kinds);
      out = maskObject(out, '"metrics":', '"<metrics>"', kinds);
    }
    out = replaceCounting(out, /"time":\d{10,}/g, '"time":"<time>"', 'time', kinds);
    out = replaceCounting(out, /"ttl":\d+/g, '"ttl":"<ttl>"', 'ttl', kinds);
    out = replaceCounting(out, /"expire_at":\d{10}/g, '"expire_at":"<unix-time>"', 'unix-time', kinds);
    return out;
  }
}

function replaceCounting(
  text: string,
  re: RegExp,
  by: string,
  kind: PlaceholderKind,
  kinds: Set<PlaceholderKind>,
): string {
  const out = text.replace(re, by);
  if (out !== text) kinds.add(kind);
  return out;
}

/** Replaces the JSON object after each `key` (braces matched; metric names hold no braces). */
function maskObject(text: string, key: string, by: string, kinds: Set<PlaceholderKind>): string {
  let out = '';
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at === -1 || text[at + key.length] !== '{') return out + text.slice(from);
    let depth = 0;
    let end = at + key.length;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    out += text.slice(from, at + key.length) + by;
    from = end + 1;
    kinds.add('metrics');
  }
}
