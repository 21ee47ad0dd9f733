// Runs the chat app against a real Centrifugo v6 started with ./centrifugo.json:
//   centrifugo -c centrifugo.json        (or: npx centkit-mock --protocol v6 --config centrifugo.json)
//   CENTRIFUGO_URL=http://localhost:8000 npm start -w @centkit/example-chat-app
// then open http://localhost:3000 in two browser windows.
import { readFileSync } from 'node:fs';
import { startChatApp } from './chat-app.js';

const config = JSON.parse(readFileSync(new URL('../centrifugo.json', import.meta.url), 'utf8')) as {
  http_api: { key: string };
  client: { token: { hmac_secret_key: string } };
};
const centrifugoUrl = process.env['CENTRIFUGO_URL'] ?? 'http://localhost:8000';
const app = await startChatApp({
  centrifugoUrl,
  apiKey: config.http_api.key,
  tokenSecret: config.client.token.hmac_secret_key,
  port: Number(process.env['PORT'] ?? 3000),
});
console.log(`chat-app: open ${app.url} (Centrifugo at ${centrifugoUrl})`);
