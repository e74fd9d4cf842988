// The light client's IndexedDB store in Chromium: the trusted head survives a reload (a second
// page of the same origin reads what the first saved), and a full quota (a real IndexedDB write
// aborted with QuotaExceededError) or a missing IndexedDB leaves a working store in memory that
// says so.
import { createIdbStore } from '../../light-client/client/idb-store.ts';
import type { StoredTrust } from '../../light-client/client/types.ts';
import { checkBytes, checkEqual } from '../shared/check.ts';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const trust = (chainId: string, height: bigint): StoredTrust => ({
  chainId,
  genesisHash: bytes(32, 1),
  head: {
    height,
    headerHash: bytes(32, 2),
    timeMs: 1_732_400_000_000n + height,
    stateRoot: bytes(32, 3),
    nextValidators: [1, 2, 3, 4].map((i) => ({
      address: bytes(23, i),
      publicKey: bytes(32, i),
      votingPower: 1n,
    })),
  },
});

/** Runs `script` in a new page (an iframe of this origin) and returns what it posts back. */
function inNewPage(script: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => reject(new Error('the new page did not answer')), 30_000);
    window.addEventListener('message', function onMessage(event) {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      resolve(event.data);
    });
    frame.srcdoc = `<script type="module">${script}</script>`;
    document.body.append(frame);
  });
}

describe('IndexedDB store in Chromium', () => {
  const dbName = `pvchain-test-${Date.now()}`;

  it('keeps the trusted head per chain across a reload', async () => {
    const store = createIdbStore({ dbName });
    checkEqual(store.persistent, true, 'persistent');
    checkEqual(await store.load('chain-a'), null, 'nothing stored yet');
    await store.save(trust('chain-a', 42n));
    await store.save(trust('chain-b', 7n));
    store.close();

    // A new page of the same origin reads it with IndexedDB itself (no code shared with this one).
    const read = (await inNewPage(`
      const open = indexedDB.open(${JSON.stringify(dbName)});
      open.onsuccess = () => {
        const get = open.result.transaction('trust').objectStore('trust').get('chain-a');
        get.onsuccess = () => parent.postMessage(get.result, '*');
      };
      open.onerror = () => parent.postMessage(String(open.error), '*');
    `)) as StoredTrust;
    checkEqual(read.head.height, 42n, 'height read by the new page');
    checkEqual(read.head.nextValidators.length, 4, 'validators read by the new page');

    const reloaded = createIdbStore({ dbName });
    const a = await reloaded.load('chain-a');
    const b = await reloaded.load('chain-b');
    checkEqual(a?.head.height, 42n, 'chain a');
    checkEqual(b?.head.height, 7n, 'chain b');
    checkBytes(a?.head.nextValidators[3]?.publicKey as Uint8Array, bytes(32, 4), 'a key');
    checkEqual(reloaded.persistent, true, 'still persistent');
    reloaded.close();
  });

  it('falls back to memory when the quota is full, and says so', async () => {
    const reasons: string[] = [];
    const store = createIdbStore({
      dbName,
      simulateQuotaExceeded: true,
      onFallback: (r) => reasons.push(r),
    });
    await store.save(trust('chain-a', 43n));
    checkEqual(store.persistent, false, 'persistent after a refused write');
    checkEqual(/QuotaExceededError/.test(store.fallbackReason ?? ''), true, 'the reason');
    checkEqual(reasons.length, 1, 'told once');
    checkEqual((await store.load('chain-a'))?.head.height, 43n, 'kept in memory');
    await store.save(trust('chain-a', 44n));
    checkEqual((await store.load('chain-a'))?.head.height, 44n, 'still working');
    store.close();
    // The refused write left IndexedDB as it was.
    const disk = createIdbStore({ dbName });
    checkEqual((await disk.load('chain-a'))?.head.height, 42n, 'IndexedDB unchanged');
    disk.close();
  });

  it('works in memory without IndexedDB', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    try {
      const store = createIdbStore({ dbName });
      checkEqual(await store.load('chain-a'), null, 'nothing in memory');
      await store.save(trust('chain-a', 1n));
      checkEqual((await store.load('chain-a'))?.head.height, 1n, 'in memory');
      checkEqual(store.persistent, false, 'not persistent');
      checkEqual(store.fallbackReason, 'IndexedDB is not available', 'reason');
    } finally {
      if (saved) Object.defineProperty(globalThis, 'indexedDB', saved);
    }
  });
});
