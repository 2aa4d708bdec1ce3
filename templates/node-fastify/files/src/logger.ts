import { type LoggerOptions, pino } from 'pino';
import type { Config } from './config.js';

/**
 * JSON lines for machines; pino-pretty (a dev dependency) only for a person at a terminal in development, so
 * production images never load it.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>,
  isTerminal = process.stdout.isTTY,
) {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
  if (config.NODE_ENV === 'development' && isTerminal) {
    options.transport = { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } };
  }
  return pino(options);
}
