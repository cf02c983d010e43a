import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorStatus } from '@couple-chat/protocol';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import type { Config } from './config/config.js';
import { accountController } from './controllers/account.controller.js';
import { attachmentController } from './controllers/attachment.controller.js';
import { calendarController } from './controllers/calendar.controller.js';
import { connectionController } from './controllers/connection.controller.js';
import { coupleController } from './controllers/couple.controller.js';
import { healthController } from './controllers/health.controller.js';
import { messageController } from './controllers/message.controller.js';
import { passwordResetController } from './controllers/password-reset.controller.js';
import { questionController } from './controllers/question.controller.js';
import { searchController } from './controllers/search.controller.js';
import { sessionController } from './controllers/session.controller.js';
import { testClockController } from './controllers/test-clock.controller.js';
import { uploadController } from './controllers/upload.controller.js';
import { wordRankingController } from './controllers/word-ranking.controller.js';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './db/database.js';
import { DomainError } from './errors.js';
import { registerAuthentication } from './http/authenticate.js';
import { registerCrossOriginProtection } from './http/cross-origin.js';
import { registerErrorHandler } from './http/error-handler.js';
import { startCoupleEndingJob } from './jobs/couple-ending.job.js';
import { startExpiredCredentialsJob } from './jobs/expired-credentials.job.js';
import { startFileCleanupJob } from './jobs/file-cleanup.job.js';
import { BackgroundTasks } from './lib/background.js';
import { type Clock, DAY, HOUR, MINUTE, OffsetClock, systemClock } from './lib/clock.js';
import { createDevOutboxMailer, createSmtpMailer, type Mailer } from './mail/mailer.js';
import { createRepositories, transactionRunner } from './models/repositories.js';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
} from './rate-limit/rate-limiter.js';
import { registerGateway } from './realtime/gateway.js';
import { createMemoryHub, createRedisHub, type Hub } from './realtime/hub.js';
import { AccessService } from './services/access.service.js';
import { type AccountDeletionGuard, AccountService } from './services/account.service.js';
import { AttachmentService } from './services/attachment.service.js';
import { AttachmentProcessor } from './services/attachment-processor.js';
import { AuthService } from './services/auth.service.js';
import { BlobReaper } from './services/blob-reaper.js';
import { CalendarService } from './services/calendar.service.js';
import { ConnectionService } from './services/connection.service.js';
import { CoupleService } from './services/couple.service.js';
import { CoupleExportService } from './services/couple-export.service.js';
import { Publisher } from './services/couple-log.js';
import { MessageService } from './services/message.service.js';
import { createArgon2Hasher, type PasswordHasher } from './services/password-hasher.js';
import { PasswordResetService } from './services/password-reset.service.js';
import { QuestionService } from './services/question.service.js';
import { askPolicyOf } from './services/question-asker.js';
import { defaultRateRules, type RateRules } from './services/rate-rules.js';
import { SearchService } from './services/search.service.js';
import { localSendWriter, threadSendWriter } from './services/send-writer.js';
import { SessionService } from './services/session.service.js';
import { type FileLimits, UploadService } from './services/upload.service.js';
import { WordRankingService } from './services/word-ranking.service.js';
import { DiskStorage } from './storage/disk-storage.js';
import { type BlobStorage, createStorage } from './storage/storage.js';

export interface AppOptions {
  config: Config;
  /** An already-open database (tests); otherwise opened from the config. */
  database?: DatabaseHandle;
  clock?: Clock;
  mailer?: Mailer;
  hasher?: PasswordHasher;
  rateRules?: Partial<RateRules>;
  deletionGuards?: AccountDeletionGuard[];
  /** Periodic cleanup jobs; on by default. */
  jobs?: boolean;
  /** WebSocket heartbeat: pings peers and closes sockets whose session ended; 30 s by default. */
  heartbeatMs?: number;
  /** Where files live; otherwise from the config (disk, or S3 when S3_BUCKET is set). */
  storage?: BlobStorage;
}

export interface App {
  app: FastifyInstance;
  database: DatabaseHandle;
  background: BackgroundTasks;
  clock: Clock;
  hub: Hub;
  storage: BlobStorage;
  services: {
    couples: CoupleService;
    connections: ConnectionService;
    messages: MessageService;
    uploads: UploadService;
    reaper: BlobReaper;
  };
}

const MB = 1024 * 1024;

export function fileLimitsOf(config: Config): FileLimits {
  return {
    maxFileBytes: config.UPLOAD_MAX_FILE_MB * MB,
    maxFilesPerMessage: config.UPLOAD_MAX_FILES_PER_MESSAGE,
    quotaBytes: config.COUPLE_STORAGE_QUOTA_MB * MB,
    maxPixels: config.IMAGE_MAX_MEGAPIXELS * 1_000_000,
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function databaseFromConfig(config: Config): DatabaseHandle {
  return config.DATABASE_URL
    ? openDatabase({
        kind: 'postgres',
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
      })
    : openDatabase({
        kind: 'sqlite',
        file: path.join(config.dataDir, 'couple-chat.sqlite'),
        synchronous: config.SQLITE_SYNCHRONOUS,
      });
}

export function publicUrlOf(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** Composes the whole server: database, services, HTTP routes and the built web app. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? (config.TEST_CLOCK ? new OffsetClock(systemClock) : systemClock);
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 64 * 1024,
    forceCloseConnections: 'idle',
  });
  // The API speaks JSON only; Fastify's default text/plain parser would turn a 415 into a confusing 400.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  const database = options.database ?? databaseFromConfig(config);
  await migrateToLatest(database.db);
  const repos = createRepositories(database.db);
  const inTransaction = transactionRunner(database.db);

  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  const limiter: RateLimiter = redis
    ? createRedisRateLimiter(redis, `${config.REDIS_PREFIX}rl:`)
    : createMemoryRateLimiter(() => clock.now());
  const hub: Hub = redis
    ? createRedisHub(redis, `${config.REDIS_PREFIX}hub:`, app.log)
    : createMemoryHub(app.log);
  const publisher = new Publisher(hub, app.log);
  const mailer =
    options.mailer ??
    (config.SMTP_URL
      ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM)
      : createDevOutboxMailer(config.dataDir, app.log));
  const background = new BackgroundTasks(app.log);
  const hasher = options.hasher ?? createArgon2Hasher();
  const rules = {
    ...defaultRateRules,
    signUpPerIp: { limit: config.SIGNUPS_PER_IP_PER_HOUR, windowMs: HOUR },
    ...options.rateRules,
  };

  const sessions = new SessionService({
    sessions: repos.sessions,
    users: repos.users,
    clock,
    ttlMs: config.SESSION_TTL_DAYS * DAY,
  });
  const access = new AccessService(repos);
  const inCoupleGuard: AccountDeletionGuard = async (userId) => {
    if (await access.findCouple(userId)) {
      throw new DomainError(
        'account_in_couple',
        'End the connection with your partner before deleting your account.',
      );
    }
  };
  const accounts = new AccountService({
    repos,
    inTransaction,
    hasher,
    sessions,
    limiter,
    rules,
    clock,
    deletionGuards: [inCoupleGuard, ...(options.deletionGuards ?? [])],
  });
  const auth = new AuthService({ repos, hasher, sessions, limiter, rules });
  const resets = new PasswordResetService({
    repos,
    inTransaction,
    hasher,
    mailer,
    background,
    limiter,
    rules,
    clock,
    publicUrl: publicUrlOf(config),
  });
  const storage = options.storage ?? createStorage(config);
  const limits = fileLimitsOf(config);
  const reaper = new BlobReaper({ repos, storage, logger: app.log });
  const processor = new AttachmentProcessor({
    repos,
    inTransaction,
    storage,
    clock,
    reaper,
    maxPixels: limits.maxPixels,
  });
  const uploads = new UploadService({
    repos,
    inTransaction,
    access,
    storage,
    clock,
    limits,
    processor,
    reaper,
  });
  const attachments = new AttachmentService({
    repos,
    inTransaction,
    access,
    storage,
    clock,
    limits,
    reaper,
  });
  const couples = new CoupleService({
    repos,
    inTransaction,
    access,
    publisher,
    clock,
    logger: app.log,
    files: attachments,
  });
  const connections = new ConnectionService({
    repos,
    inTransaction,
    access,
    publisher,
    limiter,
    rules,
    clock,
  });
  const coupleExports = new CoupleExportService({ repos, access, clock });
  const questionSettings = {
    bankFile: config.QUESTION_BANK_FILE ?? null,
    minGapMs: config.QUESTION_MIN_GAP_MINUTES * MINUTE,
    reaskMs: config.QUESTION_REASK_DAYS * DAY,
  };
  const questionPolicy = askPolicyOf(questionSettings);
  const questionBank = questionPolicy.bank;
  const messages = new MessageService({
    repos,
    inTransaction,
    access,
    publisher,
    clock,
    writeSends: database.call
      ? threadSendWriter(database.call, questionSettings)
      : localSendWriter(inTransaction, questionPolicy),
    files: attachments,
    maxFilesPerMessage: limits.maxFilesPerMessage,
  });
  const search = new SearchService({ repos, access });
  const wordRanking = new WordRankingService({ repos, inTransaction, access, publisher, clock });
  const calendar = new CalendarService({ repos, inTransaction, access, publisher, clock });
  const questions = new QuestionService({
    repos,
    inTransaction,
    access,
    publisher,
    clock,
    bank: questionBank,
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // A video picked for sending is previewed (and its poster drawn) from a blob: URL.
        mediaSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie);
  const trustedOrigins = new Set(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : []);
  registerCrossOriginProtection(app, trustedOrigins);
  registerAuthentication(app, sessions, clock);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'couple-chat API',
        version: '0.1.0',
        description:
          'Session cookie `cc_session` authenticates every request; errors are `{ error: { code, message } }`.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  healthController(app, () => database.ping());
  accountController(app, accounts, clock);
  sessionController(app, auth, sessions, clock);
  passwordResetController(app, resets);
  connectionController(app, connections);
  coupleController(app, couples, coupleExports);
  messageController(app, messages);
  searchController(app, search);
  wordRankingController(app, wordRanking);
  questionController(app, questions);
  calendarController(app, calendar);
  uploadController(app, uploads, limits.maxFileBytes);
  attachmentController(app, attachments);
  if (config.TEST_CLOCK && clock instanceof OffsetClock) testClockController(app, clock, couples);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerGateway(app, {
    repos,
    access,
    messages,
    hub,
    clock,
    logger: app.log,
    trustedOrigins,
    heartbeatMs: options.heartbeatMs,
  });

  registerWebApp(app, config);

  const jobs =
    options.jobs === false
      ? []
      : [
          startExpiredCredentialsJob({ repos, clock, logger: app.log }),
          startCoupleEndingJob({ couples, logger: app.log }),
          startFileCleanupJob({
            uploads,
            reaper,
            sweepTemporary:
              storage instanceof DiskStorage ? () => storage.sweepTemporary(HOUR) : undefined,
            logger: app.log,
          }),
        ];
  app.addHook('onClose', async () => {
    for (const job of jobs) job.stop();
    await background.drain();
    await hub.close();
    await mailer.close();
    await limiter.close();
    if (!options.storage) await storage.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
    await database.close();
  });
  return {
    app,
    database,
    background,
    clock,
    hub,
    storage,
    services: { couples, connections, messages, uploads, reaper },
  };
}

/** Serves the built React app, with client-side routes falling back to index.html. */
function registerWebApp(app: FastifyInstance, config: Config) {
  const root = path.resolve(config.WEB_DIST_DIR ?? path.join(here, '../../web/dist'));
  const hasWebApp = fs.existsSync(path.join(root, 'index.html'));
  if (hasWebApp) {
    app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  } else {
    app.log.warn({ root }, 'web app not built; run `npm run build` to serve it');
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/');
    if (!isApi && hasWebApp && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(errorStatus.not_found)
      .send({ error: { code: 'not_found', message: 'Not found.' } });
  });
}
