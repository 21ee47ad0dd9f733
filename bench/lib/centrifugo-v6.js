// The real Centrifugo v6.9.1 as a bench baseline, started the way the tests start it
// (scripts/centrifugo-process.js) when scripts/centrifugo.js has installed it, with an API key.
// Its server API is v6's: POST /api/<method>, a JSON body, the key in X-API-Key.
import { createServer } from 'node:net';
import { CENTRIFUGO_VERSION, centrifugoInstalled, centrifugoPath } from '../../scripts/centrifugo.js';
import { startCentrifugoProcess } from '../../scripts/centrifugo-process.js';

export { CENTRIFUGO_VERSION };
/** The API key the bench server is started with. */
export const V6_API_KEY = 'bench-key';
const API_KEY = V6_API_KEY;

/** The same publish as the 1.x benches send, as a v6 request. */
export const V6_PUBLISH = {
  path: '/api/publish',
  headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
  body: JSON.stringify({ channel: 'bench', data: { text: 'hello' } }),
};

/** Why the baseline cannot run here, or undefined. */
export function v6Unavailable() {
  return centrifugoInstalled()
    ? undefined
    : `the real Centrifugo v${CENTRIFUGO_VERSION} is not installed at ${centrifugoPath()} (node scripts/centrifugo.js installs it)`;
}

/** Starts it on a free port (pinned to `cpu` when given): `{ url, child, stop() }`. */
export async function startV6({ cpu } = {}) {
  const port = await new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
  return startCentrifugoProcess({ http_api: { key: API_KEY } }, port, { cpu });
}
