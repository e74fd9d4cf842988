// The household's key in Chromium: made in the browser and kept in IndexedDB, its backup shown
// and imported again through the key panel, a bad backup refused, a bare operator key accepted.
import { addressFromPublicKey, getPublicKey } from '../../assembly/bindings/crypto.ts';
import {
  backupText,
  createKeyStore,
  type HouseholdKey,
  parseBackup,
} from '../../web/src/household/key-store.ts';
import type { PvKeyPanel } from '../../web/src/household/pv-key-panel.ts';
import '../../web/src/household/pv-key-panel.ts';
import { resetLocale } from '../../web/src/shared/i18n/i18n.ts';
import { checkEqual, toHex } from '../shared/check.ts';
import { inShadow, mount, until } from './support/web-app.ts';

/** A key panel on a store of its own, its `key` following its pv-key-changed events. */
async function panelOn(dbName: string) {
  const store = createKeyStore(dbName);
  const panel = document.createElement('pv-key-panel') as PvKeyPanel;
  panel.store = store;
  panel.key = await store.load();
  panel.addEventListener('pv-key-changed', (e) => {
    panel.key = (e as CustomEvent<HouseholdKey | null>).detail;
  });
  return { store, panel: await mount(panel) };
}

const click = (panel: Element, action: string) => {
  const button = inShadow(panel, `[data-action=${action}]`);
  if (!button) throw new Error(`no ${action} button`);
  button.click();
};

describe('web app: the household key', () => {
  it('is made in the browser, kept in IndexedDB, exported and imported', async () => {
    resetLocale(['en']);
    const dbName = `pvchain-household-test-${Date.now()}`;
    const { store, panel } = await panelOn(dbName);
    try {
      checkEqual(panel.key, null, 'no key at first');
      click(panel, 'create');
      const made = await until('the new key', () => panel.key);
      // The panel saves before it announces the key.
      const stored = await store.load();
      checkEqual(stored?.address, made.address, 'IndexedDB holds the key');
      checkEqual(made.address, addressFromPublicKey(getPublicKey(made.secretKey)), 'its address');
      await panel.updateComplete;
      checkEqual(inShadow(panel, '[data-address]')?.textContent, made.address, 'shown');

      click(panel, 'export');
      const text = await until(
        'the backup text',
        () => inShadow<HTMLTextAreaElement>(panel, '#backup')?.value,
      );
      checkEqual(text, backupText(made), 'the backup');

      // A new browser profile: no key, then the backup imported through the form.
      await store.remove();
      const fresh = await panelOn(`${dbName}-other`);
      try {
        const input = inShadow<HTMLTextAreaElement>(fresh.panel, '#import-text');
        if (!input) throw new Error('no import field');
        input.value = 'not a key';
        click(fresh.panel, 'import');
        await until('the refusal', () => inShadow(fresh.panel, '[role=alert]'));
        checkEqual(fresh.panel.key, null, 'nothing imported');
        input.value = text;
        click(fresh.panel, 'import');
        const imported = await until('the imported key', () => fresh.panel.key);
        checkEqual(toHex(imported.secretKey), toHex(made.secretKey), 'the same secret key');
        const reloaded = await createKeyStore(`${dbName}-other`).load();
        checkEqual(reloaded?.address, made.address, 'kept in IndexedDB after the import');
      } finally {
        fresh.panel.remove();
        await fresh.store.remove();
        fresh.store.close();
      }
    } finally {
      panel.remove();
      store.close();
    }
  });

  it('takes the bare secret key an operator hands over at enrollment', () => {
    const secret = new Uint8Array(32).fill(7);
    const key = parseBackup(toHex(secret));
    checkEqual(key?.address, addressFromPublicKey(getPublicKey(secret)), 'the address');
    checkEqual(parseBackup(`0x${toHex(secret)}`)?.address, key?.address, 'with 0x');
    const tampered = JSON.stringify({
      ...JSON.parse(backupText(key as HouseholdKey)),
      address: 'a001',
    });
    checkEqual(parseBackup(tampered), null, 'a backup whose address does not match');
  });
});
