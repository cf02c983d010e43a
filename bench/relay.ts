// The bare baseline for bench:chat: a WebSocket relay with no auth, no validation and no storage.
// Each client joins a room (?room=…); every text frame is passed to the room's other sockets.
import { type WebSocket, WebSocketServer } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
server.on('listening', () => {
  const address = server.address();
  if (typeof address === 'object' && address) console.log(`relay listening on ${address.port}`);
});
server.on('connection', (socket, request) => {
  const room = new URL(request.url ?? '/', 'http://x').searchParams.get('room') ?? '';
  let members = rooms.get(room);
  if (!members) {
    members = new Set();
    rooms.set(room, members);
  }
  members.add(socket);
  socket.on('message', (data) => {
    for (const other of members) if (other !== socket) other.send(data.toString());
  });
  socket.on('close', () => members.delete(socket));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
