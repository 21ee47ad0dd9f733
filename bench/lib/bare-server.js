// The baseline server: bare node:http answering every request with a fixed publish reply.
// With --flush (a reference, not the baseline) it sends its replies the way the mock does:
// together at the end of the event-loop turn (packages/mock/src/http/reply-flush.ts).
import { createServer } from 'node:http';

const reply = Buffer.from('[{"method":"publish","error":null,"body":null}]');
const headers = { 'Content-Type': 'application/json', 'Content-Length': reply.length };
const send = (res) => {
  res.writeHead(200, headers);
  res.end(reply);
};

let due = [];
const flush = () => {
  const now = due;
  due = [];
  for (const res of now) if (!res.destroyed) send(res);
};
const answer = process.argv.includes('--flush') ? (res) => due.push(res) === 1 && setImmediate(flush) : send;

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => answer(res));
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => console.log(`bare server at http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
