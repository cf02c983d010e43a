import { WS_MAX_FRAME_BYTES, WS_PATH, WsCloseCode } from '@couple-chat/protocol';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors.js';
import { requireAuth } from '../http/authenticate.js';
import { isCrossOriginRequest } from '../http/cross-origin.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Repositories } from '../models/repositories.js';
import type { AccessService } from '../services/access.service.js';
import type { MessageService } from '../services/message.service.js';
import { CoupleStream } from './couple-stream.js';
import type { Hub } from './hub.js';

export interface GatewayDeps {
  repos: Repositories;
  access: AccessService;
  messages: MessageService;
  hub: Hub;
  clock: Clock;
  logger: Logger;
  trustedOrigins: ReadonlySet<string>;
  heartbeatMs?: number;
}

/** The product's one WebSocket endpoint: authenticated by the session cookie, same-origin only. */
export async function registerGateway(app: FastifyInstance, deps: GatewayDeps) {
  const streams = new Set<CoupleStream>();
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_FRAME_BYTES } });

  app.get(
    WS_PATH,
    {
      websocket: true,
      schema: { hide: true },
      // Runs before the upgrade, so a refused socket gets a plain HTTP 401/403.
      preValidation: async (request) => {
        // Browsers always send Origin on WebSocket handshakes; a foreign one is cross-site hijacking.
        if (request.headers.origin && isCrossOriginRequest(request, deps.trustedOrigins)) {
          throw new DomainError(
            'cross_origin_request',
            'Cross-site WebSocket connections are not allowed.',
          );
        }
        requireAuth(request);
      },
    },
    (socket, request) => {
      const auth = requireAuth(request);
      const stream = new CoupleStream(socket, auth.user.id, auth.sessionId, deps);
      streams.add(stream);
      socket.on('close', () => streams.delete(stream));
    },
  );

  // Heartbeat: drop peers that stopped answering, and sockets whose session has ended (log out
  // everywhere); the others re-announce their presence, so the partner's view never goes stale.
  const heartbeat = setInterval(() => {
    for (const stream of streams) {
      if (!stream.alive) {
        stream.terminate();
        continue;
      }
      stream.ping();
      stream.announce();
      deps.repos.sessions
        .findLive(stream.sessionId, deps.clock.now())
        .then((session) => {
          if (!session) stream.close(WsCloseCode.unauthenticated, 'session ended');
        })
        .catch(() => {});
    }
  }, deps.heartbeatMs ?? 30_000);
  heartbeat.unref();

  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const stream of streams) stream.close(WsCloseCode.shuttingDown, 'server shutting down');
  });
}
