// The libp2p identity of a validator is its Ed25519 consensus key: its peer id is the identity
// multihash of that public key, so Noise's handshake proves which validator is on the other end.
import { privateKeyFromRaw, publicKeyFromRaw } from '@libp2p/crypto/keys';
import type { PeerId, PrivateKey } from '@libp2p/interface';
import { peerIdFromPublicKey } from '@libp2p/peer-id';
import { getPublicKey } from '../../assembly/bindings/crypto.node.ts';

const KEY_BYTES = 32;

function assertKey(key: unknown, name: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  if (key.length !== KEY_BYTES) {
    throw new RangeError(`${name} must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
}

/** libp2p's private key for a 32-byte Ed25519 seed (its raw form is seed || public key). */
export function libp2pPrivateKey(secretKey: Uint8Array): PrivateKey {
  assertKey(secretKey, 'secretKey');
  const raw = new Uint8Array(2 * KEY_BYTES);
  raw.set(secretKey);
  raw.set(getPublicKey(secretKey), KEY_BYTES);
  return privateKeyFromRaw(raw);
}

/** The peer id (string form) of a validator's 32-byte Ed25519 public key. */
export function peerIdFromValidatorKey(publicKey: Uint8Array): string {
  assertKey(publicKey, 'publicKey');
  return peerIdFromPublicKey(publicKeyFromRaw(publicKey)).toString();
}

/** The 32-byte Ed25519 public key a peer id embeds, if it is an Ed25519 peer id. */
export function ed25519KeyOfPeer(peerId: PeerId): Uint8Array | undefined {
  return peerId.type === 'Ed25519' ? peerId.publicKey.raw : undefined;
}

/** The validators by peer id string. */
export type ValidatorSet = {
  has(peerId: string): boolean;
  publicKey(peerId: string): Uint8Array | undefined;
  peerIds(): string[];
  /** Replaces the members (a validator-set change); returns the peer ids that joined. */
  replace(validatorKeys: Uint8Array[]): string[];
};

export function createValidatorSet(validatorKeys: Uint8Array[]): ValidatorSet {
  let byPeer = new Map<string, Uint8Array>();
  const replace = (keys: Uint8Array[]): string[] => {
    const before = byPeer;
    byPeer = new Map(keys.map((key) => [peerIdFromValidatorKey(key), Uint8Array.from(key)]));
    return [...byPeer.keys()].filter((peerId) => !before.has(peerId));
  };
  replace(validatorKeys);
  return {
    has: (peerId) => byPeer.has(peerId),
    publicKey: (peerId) => byPeer.get(peerId),
    peerIds: () => [...byPeer.keys()],
    replace,
  };
}
