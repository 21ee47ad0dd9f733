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
      return new Promise((resolve, reject) => {
        const req = http.request(url, {
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
        }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
