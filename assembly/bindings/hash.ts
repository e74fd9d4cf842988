// The chain's hash functions, SHA-256 and SM3, computed by the Wasm kernels of assembly/hash.
// Isomorphic: the same code and the same Wasm run in Node and in browsers.
import {
  BATCH_MAX,
  CONTEXT,
  CONTEXT_BYTES,
  claimContext,
  DIGEST_BYTES,
  type HashAlgorithm,
  INPUT,
  INPUT_BYTES,
  kernels,
  memory,
  OUTPUT,
  releaseContext,
} from './hash-kernel.ts';

export type { HashAlgorithm } from './hash-kernel.ts';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha256', 'sm3'];

/** A streaming hash: `update` any number of times, then `digest` once. */
export type Hasher = {
  readonly algorithm: HashAlgorithm;
  update(data: Uint8Array): Hasher;
  digest(): Uint8Array;
};

export function assertBytes(data: unknown, name = 'data'): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array)) {
    const got =
      data === null ? 'null' : typeof data === 'object' ? data.constructor?.name : typeof data;
    throw new TypeError(`${name} must be a Uint8Array, got ${got}`);
  }
}

export function assertHashAlgorithm(alg: unknown): asserts alg is HashAlgorithm {
  if (alg !== 'sha256' && alg !== 'sm3') {
    throw new RangeError(
      `unknown hash algorithm ${JSON.stringify(alg)}: expected "sha256" or "sm3"`,
    );
  }
}

function readDigest(): Uint8Array {
  return memory.slice(OUTPUT, OUTPUT + DIGEST_BYTES);
}

/** The digest of `data` under `alg`. */
export function hash(alg: HashAlgorithm, data: Uint8Array): Uint8Array {
  assertHashAlgorithm(alg);
  assertBytes(data);
  if (data.length > INPUT_BYTES) return createHasher(alg).update(data).digest();
  memory.set(data, INPUT);
  kernels[alg].digest(data.length);
  return readDigest();
}

export function sha256(data: Uint8Array): Uint8Array {
  return hash('sha256', data);
}

export function sm3(data: Uint8Array): Uint8Array {
  return hash('sm3', data);
}

/**
 * Hashes consecutive 64-byte messages (for Merkle trees: two 32-byte children each) and returns
 * their 32-byte digests, concatenated, in `out` if given.
 */
export function hashBatch64(alg: HashAlgorithm, data: Uint8Array, out?: Uint8Array): Uint8Array {
  assertHashAlgorithm(alg);
  assertBytes(data);
  if (data.length % 64 !== 0) {
    throw new RangeError(
      `batch input must be a whole number of 64-byte messages, got ${data.length} bytes`,
    );
  }
  const count = data.length / 64;
  const digests = out ?? new Uint8Array(count * DIGEST_BYTES);
  assertBytes(digests, 'out');
  if (digests.length !== count * DIGEST_BYTES) {
    throw new RangeError(
      `out must hold ${count * DIGEST_BYTES} bytes for ${count} digests, got ${digests.length}`,
    );
  }
  const batch64 = kernels[alg].batch64;
  for (let done = 0; done < count; ) {
    const n = Math.min(BATCH_MAX, count - done);
    memory.set(data.subarray(done * 64, (done + n) * 64), INPUT);
    batch64(n);
    digests.set(memory.subarray(OUTPUT, OUTPUT + n * DIGEST_BYTES), done * DIGEST_BYTES);
    done += n;
  }
  return digests;
}

export function sha256Batch64(data: Uint8Array, out?: Uint8Array): Uint8Array {
  return hashBatch64('sha256', data, out);
}

export function sm3Batch64(data: Uint8Array, out?: Uint8Array): Uint8Array {
  return hashBatch64('sm3', data, out);
}

class WasmHasher implements Hasher {
  readonly algorithm: HashAlgorithm;
  readonly #kernel;
  readonly #saved = new Uint8Array(CONTEXT_BYTES);
  #finished = false;

  constructor(alg: HashAlgorithm) {
    this.algorithm = alg;
    this.#kernel = kernels[alg];
    claimContext(this, () => this.#kernel.init());
  }

  saveContext(): void {
    this.#saved.set(memory.subarray(CONTEXT, CONTEXT + CONTEXT_BYTES));
  }

  #claim(): void {
    if (this.#finished) throw new TypeError(`this ${this.algorithm} hasher was already digested`);
    claimContext(this, () => memory.set(this.#saved, CONTEXT));
  }

  update(data: Uint8Array): Hasher {
    assertBytes(data);
    this.#claim();
    for (let offset = 0; offset < data.length; offset += INPUT_BYTES) {
      const chunk = data.subarray(offset, offset + INPUT_BYTES);
      memory.set(chunk, INPUT);
      this.#kernel.update(chunk.length);
    }
    return this;
  }

  digest(): Uint8Array {
    this.#claim();
    this.#kernel.final();
    this.#finished = true;
    releaseContext(this);
    return readDigest();
  }
}

/** A streaming hasher; many may be open at once. */
export function createHasher(alg: HashAlgorithm): Hasher {
  assertHashAlgorithm(alg);
  return new WasmHasher(alg);
}
