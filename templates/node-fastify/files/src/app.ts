import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import { healthRoutes } from './health.js';
import { itemRoutes } from './items/routes.js';
import { createInMemoryItemStore, type ItemStore } from './items/store.js';
import { problem, sendProblem } from './problem.js';
import type { ReadinessCheck } from './readiness.js';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id.js';

export interface AppOptions {
  /** The process's logger; tests leave it out to stay quiet. */
  logger?: FastifyBaseLogger;
  readinessChecks?: readonly ReadinessCheck[];
  readinessTimeoutMs?: number;
  store?: ItemStore;
}

/** Builds the HTTP application without listening, so tests drive it with `app.inject`. */
export function buildApp(options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // Reject unknown properties instead of silently dropping them: the contract in openapi.yaml is strict.
    ajv: { customOptions: { removeAdditional: false } },
    // On close, idle keep-alive connections are ended at once while in-flight requests finish.
    forceCloseConnections: 'idle',
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    if (error.validation) {
      const errors = error.validation.map((issue) => ({
        location: `${error.validationContext ?? 'request'}${issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message ?? 'is invalid',
      }));
      return sendProblem(reply, problem(400, 'The request is not valid.', { errors }));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, problem(status, error.message));
    request.log.error({ err: error }, 'request failed');
    // Internal details stay in the log; the client gets the request id to quote.
    return sendProblem(reply, problem(500, `The server failed to handle request ${request.id}.`));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, `There is no route ${request.method} ${request.url.split('?')[0]}.`)),
  );

  app.register(healthRoutes, {
    readinessChecks: options.readinessChecks ?? [],
    readinessTimeoutMs: options.readinessTimeoutMs ?? 2_000,
  });
  app.register(itemRoutes, { store: options.store ?? createInMemoryItemStore() });
  return app;
}
