// The client baseline: a minimal node:http keep-alive loop that signs and sends the same
// commands the way cent 1.x does (form body `sign=...&data=...`), and parses the reply.
import { createHmac } from 'node:crypto';
import http from 'node:http';

export function createBaselineClient(address, secret) {
  const agent = new http.Agent({ keepAlive: true });
  const url = new URL('/api/', address);
  return {
    send(commands) {
      const data = JSON.stringify(commands);
      const sign = createHmac('sha256', secret).update(data).digest('hex');
      const body = `sign=${sign}&data=${encodeURIComponent(data)}`;
      return post(agent, url, { 'Content-Type': 'application/x-www-form-urlencoded' }, body);
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * The same loop against the real Centrifugo v6 (bench/lib/centrifugo-v6.js): a v6 request per
 * call (`V6_PUBLISH`: path, headers with the API key, JSON body), the reply parsed. With
 * `request.params` the body is `JSON.stringify(params)` on every call, as any client must do.
 */
export function createV6BaselineClient(address, request) {
  const agent = new http.Agent({ keepAlive: true });
  const url = new URL(request.path, address);
  const body = request.params === undefined ? () => request.body : () => JSON.stringify(request.params);
  return {
    send: () => post(agent, url, request.headers, body()),
    close() {
      agent.destroy();
    },
  };
}

function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
