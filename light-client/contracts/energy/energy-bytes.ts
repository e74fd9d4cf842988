// Little-endian fixed layouts, as the contract SDK's Reader and Writer write them.
import { ADDRESS_BYTES } from '../host-types.ts';

const U64_MAX = (1n << 64n) - 1n;

/** Reads fields in order; throws RangeError when the bytes are too short or too long. */
export class FieldReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #what: string;
  #pos = 0;

  constructor(bytes: Uint8Array, what: string) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#what = what;
  }

  #take(n: number): number {
    if (this.#pos + n > this.#bytes.length)
      throw new RangeError(`${this.#what}: ${this.#bytes.length} bytes is too short`);
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  u64(): bigint {
    return this.#view.getBigUint64(this.#take(8), true);
  }

  address(): Uint8Array {
    const at = this.#take(ADDRESS_BYTES);
    return this.#bytes.slice(at, at + ADDRESS_BYTES);
  }

  /** Everything left, as a copy. */
  rest(): Uint8Array {
    const at = this.#take(this.#bytes.length - this.#pos);
    return this.#bytes.slice(at);
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.#pos !== this.#bytes.length)
      throw new RangeError(`${this.#what}: ${this.#bytes.length} bytes is too long`);
  }
}

/** Writes fields in order into a growing list of chunks. */
export class FieldWriter {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  u64(value: bigint, what: string): this {
    if (typeof value !== 'bigint' || value < 0n || value > U64_MAX)
      throw new RangeError(`${what} must be a bigint in [0, 2^64 - 1]`);
    const chunk = new Uint8Array(8);
    new DataView(chunk.buffer).setBigUint64(0, value, true);
    return this.bytes(chunk);
  }

  address(value: Uint8Array, what: string): this {
    if (!(value instanceof Uint8Array) || value.length !== ADDRESS_BYTES)
      throw new RangeError(`${what} must be a ${ADDRESS_BYTES}-byte address`);
    return this.bytes(value);
  }

  bytes(value: Uint8Array): this {
    this.#chunks.push(value);
    this.#length += value.length;
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
