import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { isoWebSocketPlugin } from '../channel/iso-websocket-plugin.js';
import type { ChannelObserver } from '../channel/channel-observer.js';
import type { ApiContext, ZodApp } from './api-context.js';
import { ApiTokens } from './api-tokens.js';
import { BearerAuth } from './bearer-auth.js';
import { handleError, handleNotFound } from './error-handler.js';
import type { HttpServerDependencies } from './http-dependencies.js';
import { registerHealthRoute, registerMetricsRoute } from './routes/health-routes.js';
import { registerKeyRoutes } from './routes/key-routes.js';
import { registerLedgerRoutes } from './routes/ledger-routes.js';
import { registerMerchantRoutes } from './routes/merchant-routes.js';
import { registerTerminalRoutes } from './routes/terminal-routes.js';
import { registerTransactionRoutes } from './routes/transaction-routes.js';
import { registerDemoRoute } from './routes/demo-routes.js';
import { registerWalletRoutes } from './routes/wallet-routes.js';
import { registerWebRoutes } from './routes/web-routes.js';
import { registerTmsRoutes } from './routes/tms-routes.js';

/** Where the Swagger UI is served; the OpenAPI document is at `${DOCS_PATH}/json`. */
export const DOCS_PATH = '/api/docs';

/**
 * The host's HTTP server: the JSON API under /api (bearer token on every route but health and the wallet's,
 * which take a wallet session), Prometheus
 * metrics at /metrics, the OpenAPI document and its UI at /api/docs (public: they describe routes and
 * hold no data), and the ISO 8583 WebSocket channel at /iso8583 when an isoHandler is given. Ready, not
 * listening: call `listen` (or `inject` in tests).
 */
export async function createHttpServer(deps: HttpServerDependencies): Promise<FastifyInstance> {
  const app = (
    deps.logger === undefined || deps.logger === false
      ? Fastify({ logger: false })
      : Fastify({ loggerInstance: deps.logger })
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'PayTerm host API',
        description:
          'Merchants, terminals and their keys, transactions, batches, settlements and the audit log.',
        version: deps.version,
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'pt_… API token' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });

  const context: ApiContext = {
    deps,
    auth: new BearerAuth(new ApiTokens(deps.repositories.apiTokens, deps.clock, deps.random)),
  };
  registerHealthRoute(app, context);
  registerDemoRoute(app, context);
  if (deps.wallet !== undefined) await registerWalletRoutes(app, deps.wallet);
  await app.register(async (protectedApp: ZodApp) => {
    protectedApp.addHook('onRequest', context.auth.hook);
    registerMetricsRoute(protectedApp, context);
    registerMerchantRoutes(protectedApp, context);
    registerTerminalRoutes(protectedApp, context);
    registerKeyRoutes(protectedApp, context);
    registerTransactionRoutes(protectedApp, context);
    registerLedgerRoutes(protectedApp, context);
    if (deps.tms !== undefined) await registerTmsRoutes(protectedApp, context, deps.tms);
  });

  if (deps.isoHandler !== undefined) {
    await app.register(isoWebSocketPlugin, {
      handler: deps.isoHandler,
      observer: combinedObserver(deps.metrics.channelObserver(), deps.isoObserver),
      clock: deps.clock,
    });
  }
  if (deps.webRoot !== undefined) await registerWebRoutes(app, deps.webRoot);
  await app.ready();
  return app;
}

function combinedObserver(metrics: ChannelObserver, extra: ChannelObserver | undefined): ChannelObserver {
  if (extra === undefined) return metrics;
  return {
    onConnectionOpen: (peer) => {
      metrics.onConnectionOpen?.(peer);
      extra.onConnectionOpen?.(peer);
    },
    onConnectionClose: (peer, reason) => {
      metrics.onConnectionClose?.(peer, reason);
      extra.onConnectionClose?.(peer, reason);
    },
    ...(extra.onFrame === undefined ? {} : { onFrame: extra.onFrame }),
    ...(extra.onReply === undefined ? {} : { onReply: extra.onReply }),
    ...(extra.onError === undefined ? {} : { onError: extra.onError }),
  };
}
