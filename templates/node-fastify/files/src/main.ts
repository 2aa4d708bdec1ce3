import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createDependencies } from './dependencies.js';
import { createLogger } from './logger.js';
import { closeOnSignals } from './shutdown.js';

export interface Telemetry {
  shutdown(): Promise<void>;
}

/** Starts the service: configuration first, so a bad environment fails before anything listens. */
export async function start(telemetry?: Telemetry): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSet these environment variables and start again.\n`);
    await telemetry?.shutdown();
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config);
  const dependencies = createDependencies(config, logger);
  const app = buildApp({
    logger,
    readinessChecks: dependencies.readinessChecks,
    readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
  });
  app.addHook('onClose', () => dependencies.close());
  closeOnSignals(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, afterClose: telemetry?.shutdown });
  await app.listen({ host: config.HOST, port: config.PORT });
}
