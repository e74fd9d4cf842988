// A LightStore in memory: what a client verified lives as long as the store object (tests, Node
// users, and the browser's fallback when IndexedDB is missing or full). Copies in and out, so a
// caller cannot change what the store holds.
import type { LightStore, StoredTrust, TrustedHead } from './types.ts';

const copyHead = (head: TrustedHead): TrustedHead => ({
  height: head.height,
  headerHash: head.headerHash.slice(),
  timeMs: head.timeMs,
  stateRoot: head.stateRoot.slice(),
  nextValidators: head.nextValidators.map((v) => ({
    address: v.address.slice(),
    publicKey: v.publicKey.slice(),
    votingPower: v.votingPower,
  })),
});

const copy = (trust: StoredTrust): StoredTrust => ({
  chainId: trust.chainId,
  genesisHash: trust.genesisHash.slice(),
  head: copyHead(trust.head),
});

export type MemoryStore = LightStore & {
  /** How many times `save` was called (for tests and diagnostics). */
  readonly saves: number;
};

export function createMemoryStore(): MemoryStore {
  const byChain = new Map<string, StoredTrust>();
  let saves = 0;
  return {
    persistent: false,
    get saves() {
      return saves;
    },
    async load(chainId) {
      const found = byChain.get(chainId);
      return found ? copy(found) : null;
    },
    async save(trust) {
      saves++;
      byChain.set(trust.chainId, copy(trust));
    },
  };
}
