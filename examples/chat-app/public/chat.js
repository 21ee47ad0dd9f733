// The chat page: asks the backend for a connection token, subscribes to the room with the
// centrifuge SDK, shows the room's recent history, each new message and who is online; sends
// messages through the backend (which publishes them with the server API).
/* global Centrifuge -- the SDK's browser build, loaded by the page's script tag */
const ROOM = 'lobby';
const $ = (id) => document.getElementById(id);

function show(message) {
  const li = document.createElement('li');
  li.textContent = `${message.user}: ${message.text}`;
  $('messages').append(li);
}

async function online(sub) {
  const { clients } = await sub.presence();
  $('online').textContent = `online: ${[...new Set(Object.values(clients).map((c) => c.user))].sort().join(', ')}`;
}

async function join(user) {
  const session = await (await fetch('/session', { method: 'POST', body: JSON.stringify({ user }) })).json();
  const centrifuge = new Centrifuge(session.wsUrl, { token: session.token });
  const sub = centrifuge.newSubscription(`chat:${ROOM}`);
  sub.on('publication', (ctx) => show(ctx.data));
  sub.on('join', () => online(sub));
  sub.on('leave', () => online(sub));
  sub.on('subscribed', async () => {
    const history = await sub.history({ limit: 20, reverse: true });
    history.publications.reverse().forEach((p) => show(p.data));
    await online(sub);
    document.body.dataset.state = 'subscribed';
  });
  sub.subscribe();
  centrifuge.connect();
  $('join').hidden = true;
  $('say').hidden = false;
  $('say').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('text').value;
    $('text').value = '';
    await fetch(`/rooms/${ROOM}/messages`, { method: 'POST', body: JSON.stringify({ user, text }) });
  });
}

$('join').addEventListener('submit', (event) => {
  event.preventDefault();
  void join($('user').value);
});
