// What the page starts before any view has rendered: the chain configuration (its two requests
// preloaded by index.html), then at once the light client, which dials the first full node and
// syncs headers while the views render; the household's balance then waits only for its proof
// (its own sync joins the one in flight).
import { type AppConfig, loadConfig } from './config.ts';
import { lightClientFor } from './light-client.ts';

let config: Promise<AppConfig> | null = null;

async function syncEarly(loaded: AppConfig): Promise<void> {
  const client = await lightClientFor(loaded);
  await client.syncHead();
}

/** The page's configuration, loaded once; the light client starts syncing as soon as it is. */
export function appConfig(): Promise<AppConfig> {
  if (config) return config;
  config = loadConfig();
  // A failure here is for the views to show: they ask the same client again.
  config.then(syncEarly).catch(() => {});
  return config;
}
