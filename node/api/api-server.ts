// The node's HTTP JSON API and WebSocket (ADR 0017, docs/api.md): fastify on node:http, every
// route under /v1, CORS for the web app's origin, a rate limit per client, body limits, one error
// shape with stable codes. `createApiServer(settings, components)` builds it; start() listens.
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { ApiComponents, ApiContext, ApiLimits, RouteSpec } from './api-context.ts';
import { ApiError, ApiErrorCode, toApiError } from './api-error.ts';
import { createCommitWatch } from './commit-watch.ts';
import { createLedgerReader } from './ledger-reader.ts';
import { openApiDocument } from './openapi.ts';
import { accountRoutes } from './routes/accounts.ts';
import { chainRoutes } from './routes/chain.ts';
import { submitRoute } from './routes/submit.ts';
import { createStateReader } from './state-reader.ts';
import { DEFAULT_APP_DIR, jsonFile, loadStaticApp, registerStaticApp } from './static-app.ts';
import { createWsHub } from './ws-hub.ts';

export type ApiSettings = {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /**
   * Browser origins allowed to call the API (CORS) and open the WebSocket, e.g. the web app's
   * `http://localhost:5173`. Default: the node's own origin only.
   */
  corsOrigins?: string[];
  /**
   * The built web app to serve at `/` (static-app.ts). Default: the package's web/dist when it
   * has an index.html; null: none.
   */
  appDir?: string | null;
  limits?: Partial<Omit<ApiLimits, 'ws' | 'rateLimit'>> & {
    rateLimit?: Partial<ApiLimits['rateLimit']>;
    ws?: Partial<ApiLimits['ws']>;
  };
};

export const DEFAULT_API_LIMITS: ApiLimits = {
  bodyLimitBytes: 4 * 1024 * 1024,
  maxBatch: 1000,
  maxWaitMs: 60_000,
  defaultWaitMs: 10_000,
  maxPageSize: 500,
  rateLimit: { max: 600, windowMs: 10_000 },
  ws: {
    maxConnectionsPerClient: 32,
    maxSubscriptions: 64,
    maxAddresses: 5000,
    maxMessageBytes: 256 * 1024,
    messagesPerSecond: 20,
    maxBufferedBytes: 8 * 1024 * 1024,
  },
};

const PROTOBUF_TYPES = [
  'application/x-protobuf',
  'application/protobuf',
  'application/octet-stream',
];

export type ApiServer = Awaited<ReturnType<typeof createApiServer>>;

export function createApiServer(settings: ApiSettings, components: ApiComponents) {
  const limits: ApiLimits = {
    ...DEFAULT_API_LIMITS,
    ...settings.limits,
    rateLimit: { ...DEFAULT_API_LIMITS.rateLimit, ...settings.limits?.rateLimit },
    ws: { ...DEFAULT_API_LIMITS.ws, ...settings.limits?.ws },
  };
  const ctx: ApiContext = {
    components,
    limits,
    state: createStateReader(
      { hash: components.hash },
      { db: components.accountDb, head: components.stateHead },
    ),
    ledger: createLedgerReader({ hash: components.hash }, { ledger: components.ledger }),
    watch: createCommitWatch(components),
  };
  const host = settings.host ?? '127.0.0.1';
  let url = '';
  let appServed = false;
  // The node's own origin, also as http://localhost:<port> when it listens on 127.0.0.1 (the app
  // it serves may be opened either way).
  const originAllowed = (origin: string): boolean =>
    settings.corsOrigins
      ? settings.corsOrigins.includes(origin)
      : origin === url || origin === url.replace('//127.0.0.1:', '//localhost:');

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyLimitBytes,
    // A wait=committed answer may take maxWaitMs; nothing else comes near.
    requestTimeout: limits.maxWaitMs + 15_000,
    connectionTimeout: limits.maxWaitMs + 30_000,
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 128 },
    // A URL fastify cannot route (bad encoding, a parameter too long) gets our error shape too.
    frameworkErrors: (error, _request, reply) => {
      const apiError = toApiError(error);
      (reply as FastifyReply).code(apiError.statusCode).send(apiError.toJSON());
    },
  });
  app.server.headersTimeout = 10_000;

  const routes: RouteSpec[] = [...chainRoutes(ctx), ...accountRoutes(ctx), submitRoute(ctx)];
  const document = openApiDocument(routes, limits);
  const hub = createWsHub(ctx, { originAllowed });

  const send = (reply: FastifyReply, error: ApiError) =>
    reply.code(error.statusCode).send(error.toJSON());

  async function register(): Promise<void> {
    await app.register(cors, {
      origin: (origin, callback) => callback(null, origin === undefined || originAllowed(origin)),
      methods: ['GET', 'POST'],
      maxAge: 600,
      // A malformed preflight gets the plain CORS answer, not a text/plain 400 outside our error shape.
      strictPreflight: false,
    });
    await app.register(rateLimit, {
      global: true,
      max: limits.rateLimit.max,
      timeWindow: limits.rateLimit.windowMs,
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, context) =>
        new ApiError(
          ApiErrorCode.RATE_LIMITED,
          `at most ${context.max} requests per ${limits.rateLimit.windowMs} ms; retry in ${context.after}`,
        ),
    });
    app.removeContentTypeParser('text/plain'); // JSON or protobuf only
    app.addContentTypeParser(PROTOBUF_TYPES, { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    app.setErrorHandler((error, _request, reply) => {
      const apiError = toApiError(error);
      if (apiError.code === ApiErrorCode.INTERNAL)
        components.log?.('api-error', { error: String((error as Error)?.stack ?? error) });
      return send(reply, apiError);
    });
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) =>
      send(
        reply,
        new ApiError(
          ApiErrorCode.NOT_FOUND,
          `no route ${request.method} ${request.url.split('?')[0]}`,
        ),
      ),
    );
    app.get('/v1/openapi.json', async () => document);
    const appFiles =
      settings.appDir === null ? null : await loadStaticApp(settings.appDir ?? DEFAULT_APP_DIR);
    // The app's light client starts from the trust root this node publishes beside it.
    if (appFiles && components.chainJson)
      appFiles.set('/chain.json', jsonFile(await components.chainJson()));
    if (appFiles) registerStaticApp(app, appFiles);
    appServed = appFiles !== null;
    for (const route of routes) {
      app.route({
        method: route.method,
        url: route.path,
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          const closed = new AbortController();
          // The response closing before it was written: the client went away.
          reply.raw.once('close', () => {
            if (!reply.raw.writableFinished) closed.abort();
          });
          const raw = Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : undefined;
          if (raw && !route.body?.protobuf)
            throw new ApiError(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'this route takes JSON');
          return route.handler({
            params: request.params as Record<string, string>,
            query: queryOf(request.query, route),
            body: raw ? undefined : request.body,
            raw,
            closed: closed.signal,
          });
        },
      });
    }
  }

  return {
    document,
    /** The base URL (http://host:port) once listening. */
    url: (): string => url,
    /** Whether the web app is served at `/` (known once started). */
    appServed: (): boolean => appServed,
    hub,
    /** Transactions that `wait=committed` requests are waiting for. */
    waiting: (): number => ctx.watch.waiting(),
    async start(): Promise<void> {
      await register();
      ctx.watch.start();
      app.server.on('upgrade', (request, socket, head) => hub.upgrade(request, socket, head));
      const address = await app.listen({ host, port: settings.port ?? 0 });
      url = address.replace('[::1]', 'localhost');
      const listening = app.server.address();
      if (listening && typeof listening === 'object')
        url = `http://${listening.family === 'IPv6' ? `[${listening.address}]` : listening.address}:${listening.port}`;
      components.log?.('api-listening', { url, ...(appServed && { app: `${url}/` }) });
    },
    async stop(): Promise<void> {
      ctx.watch.stop();
      await hub.close();
      await app.close();
      await ctx.state.close();
    },
  };
}

/** The query as single strings; a repeated or undeclared parameter is refused. */
function queryOf(query: unknown, route: RouteSpec): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (!route.query || !Object.hasOwn(route.query, name))
      throw new ApiError(ApiErrorCode.INVALID_PARAMETER, `${name}: not a parameter of this route`);
    if (typeof value !== 'string')
      throw new ApiError(ApiErrorCode.INVALID_PARAMETER, `${name}: given more than once`);
    out[name] = value;
  }
  return out;
}
