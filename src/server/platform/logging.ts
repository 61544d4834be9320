import type { LoggerOptions } from 'pino';
import type { Config } from '../config.ts';

/**
 * One JSON line per event for log collectors; on a developer's terminal, readable lines instead
 * (pino-pretty, a development dependency, loaded only there).
 */
export function loggerOptions(config: Config): LoggerOptions {
  const readable = config.NODE_ENV === 'development' && process.stdout.isTTY;
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
    ...(readable
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              translateTime: 'SYS:HH:MM:ss',
              ignore: 'pid,hostname,reqId',
              singleLine: true,
            },
          },
        }
      : {}),
  };
}
