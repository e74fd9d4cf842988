// The light client: createLightClient, its in-memory store, and the types of its parts.
export {
  createLightClient,
  type LightClient,
  type LightClientEvent,
  type LightClientOptions,
  type SubmittedTransaction,
} from './light-client.ts';
export { createMemoryStore, type MemoryStore } from './memory-store.ts';
export type { DroppedPeer } from './peers.ts';
export { type StorageFields, verifyStorageAnswer } from './storage.ts';
export {
  type FullNodePeer,
  LightClientError,
  LightClientErrorCode,
  type LightProtocol,
  type LightStore,
  type LightTransport,
  type StoredTrust,
  type TrustedHead,
  type TrustRoot,
  type VerifiedAccount,
  type VerifiedStorage,
} from './types.ts';
