import module from 'node:module';
import { InvalidConfigError, loadConfig, type Config } from './config.ts';
import { listenEarly } from './platform/early-server.ts';

/**
 * The server process. The port opens first, before the application's modules load and before
 * the database is opened (decision 0023): `/health` answers within a second of starting, `/ready`
 * once everything is loaded, and requests in between get a 503 asking to retry.
 */

// Modules compiled once are kept on disk: a warm start does not parse and strip them again.
module.enableCompileCache();

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const startedAt = performance.now();
const config = readConfig();
const early = await listenEarly({ host: config.HOST, port: config.PORT });
const listeningAfter = ((performance.now() - startedAt) / 1000).toFixed(1);
const { serve } = await import('./serve.ts');
await serve({ config, early, startedAt, listeningAfter });
