// Contract addresses: derived from what created the contract, in the address format of DESIGN.md
// (as if the chain hash of the seed were a public key), so they can never be anyone's key.
import { addressBytesFromPublicKey, hash } from '../../../assembly/bindings/crypto.ts';
import type { HashAlgorithm } from '../../../assembly/bindings/hash-kernel.ts';

const DOMAIN = new TextEncoder().encode('pvchain/contract-address/v1');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The address of the contract deployed by operation `operationIndex` (1-based) of a transaction. */
export function deployedContractAddress(
  alg: HashAlgorithm,
  transactionHash: Uint8Array,
  operationIndex: number,
): Uint8Array {
  const index = new Uint8Array(4);
  new DataView(index.buffer).setUint32(0, operationIndex);
  return addressBytesFromPublicKey(hash(alg, concat(DOMAIN, transactionHash, index)));
}

/** The address of a contract the genesis deploys, by its name there (e.g. `energy`). */
export function genesisContractAddress(
  alg: HashAlgorithm,
  chainId: string,
  name: string,
): Uint8Array {
  const seed = new TextEncoder().encode(`genesis/${chainId}/${name}`);
  return addressBytesFromPublicKey(hash(alg, concat(DOMAIN, seed)));
}
