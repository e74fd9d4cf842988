// The light client's LightStore in the browser: the trusted head of each chain in IndexedDB (idb),
// so that a reload starts warm. When IndexedDB is missing, cannot be opened, or a write fails
// (a full quota: QuotaExceededError), the store carries on in memory and says so: `persistent`
// turns false and `fallbackReason` tells why. It never throws at its user for storage reasons.
import { type IDBPDatabase, openDB } from 'idb';
import type { LightStore, StoredTrust } from './types.ts';

export const DEFAULT_IDB_NAME = 'pvchain-light-client';
const STORE = 'trust';
const VERSION = 1;

export type IdbStoreOptions = {
  /** The IndexedDB database's name. Default `pvchain-light-client`. */
  dbName?: string;
  /** Called once when the store falls back to memory (a UI shows it). */
  onFallback?: (reason: string) => void;
  /**
   * TESTS ONLY: every write transaction is aborted with a QuotaExceededError, as Chromium does
   * when the origin's quota is full (a real IndexedDB write, refused).
   */
  simulateQuotaExceeded?: boolean;
};

export type IdbStore = LightStore & {
  /** Why the store keeps to memory; null while it persists. */
  readonly fallbackReason: string | null;
  close(): void;
};

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** Whether a value read back has the shape of a StoredTrust (an old or damaged record is not). */
function isStoredTrust(v: unknown, chainId: string): v is StoredTrust {
  const t = v as StoredTrust | null;
  const head = t?.head;
  return (
    t?.chainId === chainId &&
    isBytes(t.genesisHash) &&
    typeof head?.height === 'bigint' &&
    isBytes(head.headerHash) &&
    typeof head.timeMs === 'bigint' &&
    isBytes(head.stateRoot) &&
    Array.isArray(head.nextValidators) &&
    head.nextValidators.every(
      (e) => isBytes(e?.address) && isBytes(e?.publicKey) && typeof e?.votingPower === 'bigint',
    )
  );
}

function quotaExceeded(): DOMException {
  return new DOMException('the origin quota is full (simulated)', 'QuotaExceededError');
}

const describe = (error: unknown): string =>
  error instanceof DOMException || error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);

export function createIdbStore(options: IdbStoreOptions = {}): IdbStore {
  const memory = new Map<string, StoredTrust>();
  let reason: string | null = null;
  let db: Promise<IDBPDatabase | null> | null = null;

  function fallBack(why: string): void {
    if (reason !== null) return;
    reason = why;
    options.onFallback?.(why);
  }

  function database(): Promise<IDBPDatabase | null> {
    if (reason !== null) return Promise.resolve(null);
    if (typeof indexedDB === 'undefined') {
      fallBack('IndexedDB is not available');
      return Promise.resolve(null);
    }
    db ??= openDB(options.dbName ?? DEFAULT_IDB_NAME, VERSION, {
      upgrade(upgrading) {
        if (!upgrading.objectStoreNames.contains(STORE)) upgrading.createObjectStore(STORE);
      },
    }).catch((error: unknown) => {
      fallBack(`IndexedDB cannot be opened (${describe(error)})`);
      return null;
    });
    return db;
  }

  return {
    get persistent() {
      return reason === null;
    },
    get fallbackReason() {
      return reason;
    },
    async load(chainId) {
      const kept = memory.get(chainId);
      if (kept) return kept;
      const opened = await database();
      if (!opened) return null;
      try {
        const value: unknown = await opened.get(STORE, chainId);
        return isStoredTrust(value, chainId) ? value : null;
      } catch (error) {
        fallBack(`IndexedDB read failed (${describe(error)})`);
        return null;
      }
    },
    async save(trust) {
      memory.set(trust.chainId, trust);
      const opened = await database();
      if (!opened) return;
      try {
        const tx = opened.transaction(STORE, 'readwrite');
        if (options.simulateQuotaExceeded) {
          tx.abort();
          await tx.done.catch(() => {});
          throw quotaExceeded();
        }
        await Promise.all([tx.store.put(trust, trust.chainId), tx.done]);
      } catch (error) {
        fallBack(`IndexedDB write failed (${describe(error)}): keeping trust in memory`);
      }
    },
    close() {
      void db?.then((opened) => opened?.close());
    },
  };
}
