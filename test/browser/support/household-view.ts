// A household's view in the page for the web app's tests: a key made for it and kept in an
// IndexedDB of its own, the household enrolled by the grid (CNY and kWh paid), the view mounted.
import type { PvHouseholdView } from '../../../web/src/household/household-view.ts';
import '../../../web/src/household/household-view.ts';
import { createKeyStore, generateKey } from '../../../web/src/household/key-store.ts';
import type { AppConfig } from '../../../web/src/shared/config.ts';
import { enrollHousehold, mount } from './web-app.ts';

/** The view of a new household enrolled with `fen` and `wh`; its key and key store's name. */
export async function mountEnrolledHousehold(config: AppConfig, fen: bigint, wh = 0n) {
  const keyDb = `pvchain-household-${Date.now()}-${Math.random()}`;
  const key = generateKey();
  const store = createKeyStore(keyDb);
  await store.save(key);
  store.close();
  await enrollHousehold(config, key.publicKey, fen, wh);
  const view = document.createElement('pv-household-view') as PvHouseholdView;
  view.keyDb = keyDb;
  view.config = config;
  return { view: await mount(view), key, keyDb };
}
