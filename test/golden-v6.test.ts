/**
 * The golden transcripts of Centrifugo v6.9.1 as fixtures: every file parses in the documented
 * format, names are unique, placeholders are consistent, and the masking works as documented
 * (these checks need no server).
 */
import { describe, expect, it } from 'vitest';
import { Masker, type PlaceholderKind } from './support/golden-v6/mask.js';
import {
  expandBody,
  GOLDEN_FILES,
  readGolden,
  type GoldenFileKind,
  type GoldenLine,
} from './support/golden-v6/transcript.js';

const kinds = Object.keys(GOLDEN_FILES) as GoldenFileKind[];
const all = new Map(kinds.map((k) => [k, readGolden(k)]));
const lines = (k: GoldenFileKind): GoldenLine[] => all.get(k) ?? [];

/** Every string of a line where placeholders can stand. */
function texts(line: GoldenLine): string[] {
  return [
    line.request?.body ?? '',
    line.response?.body ?? '',
    ...(line.ws ?? []).flatMap((s) => s.frames.map((f) => f.text)),
  ];
}

describe('golden v6 fixture files', () => {
  it('hold every group of spec §7 in the documented shape', () => {
    expect(lines('api').length).toBeGreaterThanOrEqual(250);
    expect(lines('connections').length).toBeGreaterThanOrEqual(35);
    expect(lines('clientProtocol').length).toBeGreaterThanOrEqual(30);
    expect(lines('startup').length).toBeGreaterThanOrEqual(20);
    const groups = new Set([...all.values()].flat().map((l) => /^[A-Z]+/.exec(l.name)?.[0]));
    expect([...groups].sort()).toEqual(['A', 'B', 'C', 'H', 'L', 'M', 'P', 'Q', 'R', 'S', 'T', 'W', 'X']);
    for (const [kind, list] of all) {
      const names = list.map((l) => l.name);
      expect(new Set(names).size, kind).toBe(names.length);
      for (const l of list) {
        expect(l.response !== undefined || l.ws !== undefined || l.startup !== undefined, l.name).toBe(true);
        expect(l.request === undefined || l.response !== undefined, l.name).toBe(true);
        expect([...l.varies].sort(), l.name).toEqual(l.varies);
      }
    }
  });

  it('list exactly the placeholders each line holds, numbered in order of first appearance', () => {
    const pattern = /<(epoch|uuid):(\d+)>|<(client|token):[^>]+>|"<(node-name|uptime|metrics|time|ttl|unix-time)>"/g;
    for (const [kind, list] of all) {
      const seen = { epoch: 0, uuid: 0 };
      for (const line of list) {
        const found = new Set<string>();
        for (const text of texts(line)) {
          for (const m of text.matchAll(pattern)) {
            const numbered = m[1] as 'epoch' | 'uuid' | undefined;
            if (numbered !== undefined) {
              const n = Number(m[2]);
              expect(n, `${kind} ${line.name}: ${m[0]}`).toBeLessThanOrEqual(seen[numbered] + 1);
              seen[numbered] = Math.max(seen[numbered], n);
            }
            found.add(numbered ?? m[3] ?? m[4] ?? '');
          }
        }
        expect([...found].sort(), `${kind} ${line.name}`).toEqual(line.varies);
      }
    }
  });

  it('keep every 200 JSON body valid JSON after masking, and every other body byte-exact', () => {
    let checked = 0;
    for (const line of [...all.values()].flat()) {
      const res = line.response;
      if (res === undefined) continue;
      if ((res.headers['Content-Type'] ?? '').startsWith('application/json') && !line.name.startsWith('L')) {
        expect(() => JSON.parse(res.body), line.name).not.toThrow();
        checked++;
      }
      if (line.varies.length === 0 && res.headers['Content-Length'] !== undefined) {
        expect(Buffer.byteLength(res.body), line.name).toBe(Number(res.headers['Content-Length']));
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('expand the bodies too large to store', () => {
    const big = lines('api').find((l) => l.name === 'H22_big_body_5MiB');
    expect(big?.request?.expand).toBe('repeat');
    expect(expandBody(big?.request as NonNullable<GoldenLine['request']>).length).toBe(
      5 * 1024 * 1024 + '{"channel":"news","data":""}'.length,
    );
  });
});

describe('golden v6 masking', () => {
  const mask = (m: Masker, text: string) => {
    const kinds = new Set<PlaceholderKind>();
    return { text: m.mask(text, kinds), kinds: [...kinds].sort() };
  };

  it('gives the same epoch the same placeholder, and only epochs a server sent', () => {
    const m = new Masker();
    m.learn('{"result":{"offset":1,"epoch":"AbCdEfGh"}}');
    m.learn('{"result":{"epoch":"ZyXwVuTs"}}');
    expect(mask(m, '{"since":{"offset":1,"epoch":"AbCdEfGh"}}').text).toBe(
      '{"since":{"offset":1,"epoch":"<epoch:1>"}}',
    );
    expect(mask(m, '{"epoch":"ZyXwVuTs","x":"AbCdEfGh"}')).toEqual({
      text: '{"epoch":"<epoch:2>","x":"<epoch:1>"}',
      kinds: ['epoch'],
    });
    expect(mask(m, '{"epoch":"xxxxxxxx"}').text).toBe('{"epoch":"xxxxxxxx"}');
  });

  it('names client ids after their connection, numbers other UUIDs, and replaces node data', () => {
    const m = new Masker();
    m.nameClient('0c6c9b52-6f5a-4d7e-9d43-2a1f1b2c3d4e', 'W1');
    const info =
      '{"result":{"nodes":[{"uid":"9a8b7c6d-1111-4222-8333-944445555666","name":"host_8000","version":"6.9.1 OSS","num_clients":0,"uptime":12,"metrics":{"interval":60,"items":{"a.b":1}},"num_subs":0}]}}';
    expect(mask(m, info)).toEqual({
      text: '{"result":{"nodes":[{"uid":"<uuid:1>","name":"<node-name>","version":"6.9.1 OSS","num_clients":0,"uptime":"<uptime>","metrics":"<metrics>","num_subs":0}]}}',
      kinds: ['metrics', 'node-name', 'uptime', 'uuid'],
    });
    expect(mask(m, '{"client":"0c6c9b52-6f5a-4d7e-9d43-2a1f1b2c3d4e","ttl":3599,"time":1796618411598}')).toEqual({
      text: '{"client":"<client:W1>","ttl":"<ttl>","time":"<time>"}',
      kinds: ['client', 'time', 'ttl'],
    });
  });
});
