// The household's Ed25519 key: made in the browser (32 random bytes from WebCrypto, the repo's
// Ed25519 for the public key), kept in IndexedDB, exported as a backup text and imported from one
// (or from the bare 64-hex secret key an operator hands over when it enrolled the household).

import { type IDBPDatabase, openDB } from 'idb';
import { addressFromPublicKey, getPublicKey } from 'pvchain/crypto';
import { fromHex, toHex } from '../shared/hex.ts';

export type HouseholdKey = { secretKey: Uint8Array; publicKey: Uint8Array; address: string };

const STORE = 'keys';
const ENTRY = 'household';
export const DEFAULT_KEY_DB = 'pvchain-household';

export function keyOf(secretKey: Uint8Array): HouseholdKey {
  if (secretKey.length !== 32) throw new RangeError('a secret key is 32 bytes');
  const publicKey = getPublicKey(secretKey);
  return { secretKey, publicKey, address: addressFromPublicKey(publicKey) };
}

export function generateKey(): HouseholdKey {
  return keyOf(crypto.getRandomValues(new Uint8Array(32)));
}

/** The backup text of a key: JSON naming what it is, with the secret key in hex. */
export function backupText(key: HouseholdKey): string {
  return JSON.stringify({
    pvchain: 'household-key',
    version: 1,
    address: key.address,
    secretKey: toHex(key.secretKey),
  });
}

/** The key of a backup text or of a bare 64-hex secret key; null when it is neither. */
export function parseBackup(text: string): HouseholdKey | null {
  const trimmed = text.trim();
  try {
    if (/^(0x)?[0-9a-fA-F]{64}$/.test(trimmed)) return keyOf(fromHex(trimmed));
    const json = JSON.parse(trimmed) as {
      pvchain?: unknown;
      secretKey?: unknown;
      address?: unknown;
    };
    if (json.pvchain !== 'household-key' || typeof json.secretKey !== 'string') return null;
    const key = keyOf(fromHex(json.secretKey));
    return json.address === undefined || json.address === key.address ? key : null;
  } catch {
    return null;
  }
}

export type KeyStore = {
  load(): Promise<HouseholdKey | null>;
  save(key: HouseholdKey): Promise<void>;
  remove(): Promise<void>;
  close(): void;
};

export function createKeyStore(dbName = DEFAULT_KEY_DB): KeyStore {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () => {
    db ??= openDB(dbName, 1, { upgrade: (d) => d.createObjectStore(STORE) });
    return db;
  };
  return {
    async load() {
      const secret = (await (await open()).get(STORE, ENTRY)) as unknown;
      return secret instanceof Uint8Array && secret.length === 32 ? keyOf(secret) : null;
    },
    async save(key) {
      await (await open()).put(STORE, key.secretKey, ENTRY);
    },
    async remove() {
      await (await open()).delete(STORE, ENTRY);
    },
    close() {
      void db?.then((d) => d.close());
      db = null;
    },
  };
}
