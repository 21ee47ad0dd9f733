// A keep-alive HTTP/1.1 server that closes a connection once it has been idle for IDLE ms, the way
// a Go server does (IdleTimeout, or ReadTimeout when unset: Centrifugo v6 closes after 30 s): with
// a FIN and without announcing it (no `Keep-Alive: timeout=` header). Every request gets the same
// 1.x publish reply. Usage: node idle-close-server.js IDLE_MS
import net from 'node:net';

const idle = Number(process.argv[2] ?? 100);
const reply = Buffer.from(
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 47\r\n\r\n[{"method":"publish","error":null,"body":null}]',
);

const server = net.createServer((socket) => {
  let buffered = Buffer.alloc(0);
  let timer = setTimeout(() => socket.end(), idle);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    clearTimeout(timer);
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) break;
      const length = Number(/content-length:\s*(\d+)/i.exec(buffered.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) break;
      buffered = buffered.subarray(end + 4 + length);
      socket.write(reply);
    }
    timer = setTimeout(() => socket.end(), idle);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`idle-close server at http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
