import type { FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  timeoutMs: number;
  /** Runs after the server has closed: flush telemetry and the like. */
  afterClose?: () => Promise<void>;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish, close pools (onClose hooks),
 * then exit. A deadline bounds it all, and a second signal exits at once.
 */
export function closeOnSignals(app: FastifyInstance, { timeoutMs, afterClose }: ShutdownOptions): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      app.log.error({ timeoutMs }, 'shutdown took too long: exiting');
      process.exit(1);
    }, timeoutMs);
    // Unreferenced: it ends a shutdown that hangs, and never keeps a finished one alive.
    deadline.unref();
    try {
      await app.close();
      await afterClose?.();
      app.log.info('shut down');
      process.exitCode = 0;
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
