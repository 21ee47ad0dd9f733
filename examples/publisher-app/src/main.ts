// Runs the chat service against a real Centrifugo 1.x:
//   CENTRIFUGO_ADDRESS=http://localhost:8000 CENTRIFUGO_SECRET=secret npm start
import { startChatService } from './chat-service.js';

const address = process.env['CENTRIFUGO_ADDRESS'] ?? 'http://localhost:8000';
const secret = process.env['CENTRIFUGO_SECRET'];
if (secret === undefined) {
  console.error('chat-service: set CENTRIFUGO_SECRET to the Centrifugo API secret');
  process.exit(2);
}
const service = await startChatService({ address, secret }, Number(process.env['PORT'] ?? 3000));
console.log(`chat-service: listening on ${service.url}, publishing to ${address}`);
