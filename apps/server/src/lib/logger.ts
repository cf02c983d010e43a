import type { FastifyBaseLogger } from 'fastify';

/** The app's structured (pino) logger, as Fastify hands it out. */
export type Logger = FastifyBaseLogger;
