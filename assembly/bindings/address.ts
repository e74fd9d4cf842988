// Account addresses as BubiChain V3 writes them: 0xa0 || 0x01 || SHA-256(public key)[12..32] ||
// CRC-8/MAXIM of those 22 bytes, 23 bytes in all (the wire form in proto/), shown as 46 lowercase
// hexadecimal characters. Isomorphic.
import { AddressError, AddressErrorCode } from './address-error.ts';
import { assertBytes, sha256 } from './hash.ts';

export const ADDRESS_BYTES = 23;
export const ADDRESS_LENGTH = 46;
const PREFIX = [0xa0, 0x01] as const;

/** CRC-8/MAXIM (Dallas 1-Wire): polynomial 0x31 reflected (0x8c), initial 0, no final xor. */
export function crc8Maxim(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8c : crc >>> 1;
  }
  return crc;
}

function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** The 23-byte address of a 32-byte Ed25519 public key. */
export function addressBytesFromPublicKey(publicKey: Uint8Array): Uint8Array {
  assertBytes(publicKey, 'publicKey');
  if (publicKey.length !== 32) {
    throw new RangeError(`publicKey must be 32 bytes, got ${publicKey.length}`);
  }
  const address = new Uint8Array(ADDRESS_BYTES);
  address.set(PREFIX);
  address.set(sha256(publicKey).subarray(12, 32), 2);
  address[22] = crc8Maxim(address.subarray(0, 22));
  return address;
}

/** The address of a 32-byte Ed25519 public key, as 46 lowercase hexadecimal characters. */
export function addressFromPublicKey(publicKey: Uint8Array): string {
  return toHex(addressBytesFromPublicKey(publicKey));
}

/** Checks length, prefix and checksum; `describe` names the input, called only for an error. */
function checkAddressBytes(
  bytes: Uint8Array,
  describe: () => { input: string; length: number },
): void {
  if (bytes.length !== ADDRESS_BYTES) {
    throw new AddressError(
      AddressErrorCode.LENGTH,
      `an address is ${ADDRESS_BYTES} bytes, got ${bytes.length}`,
      describe(),
    );
  }
  if (bytes[0] !== PREFIX[0] || bytes[1] !== PREFIX[1]) {
    throw new AddressError(AddressErrorCode.PREFIX, 'an address starts with a0 01', describe());
  }
  const expected = crc8Maxim(bytes.subarray(0, 22));
  if (bytes[22] !== expected) {
    const hex = (byte: number | undefined) => (byte ?? 0).toString(16).padStart(2, '0');
    throw new AddressError(
      AddressErrorCode.CHECKSUM,
      `checksum byte is ${hex(bytes[22])}, expected ${hex(expected)}`,
      describe(),
    );
  }
}

/** Throws AddressError unless `bytes` is a valid 23-byte address (prefix and checksum). */
export function assertValidAddressBytes(bytes: Uint8Array): void {
  assertBytes(bytes, 'address');
  checkAddressBytes(bytes, () => ({ input: toHex(bytes), length: bytes.length }));
}

/** The 46-character text of a 23-byte address (checked like parseAddress). */
export function formatAddress(bytes: Uint8Array): string {
  assertValidAddressBytes(bytes);
  return toHex(bytes);
}

/** The 23 bytes of an address given as text; throws AddressError with a code when invalid. */
export function parseAddress(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`address must be a string, got ${typeof text}`);
  const metadata = { input: text, length: text.length };
  if (text.length !== ADDRESS_LENGTH) {
    throw new AddressError(
      AddressErrorCode.LENGTH,
      `an address is ${ADDRESS_LENGTH} characters, got ${text.length}`,
      metadata,
    );
  }
  const bad = text.search(/[^0-9a-f]/);
  if (bad >= 0) {
    throw new AddressError(
      AddressErrorCode.HEX,
      `character ${bad} (${JSON.stringify(text[bad])}) is not lowercase hexadecimal`,
      metadata,
    );
  }
  const bytes = new Uint8Array(ADDRESS_BYTES);
  for (let i = 0; i < ADDRESS_BYTES; i++) {
    bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  }
  checkAddressBytes(bytes, () => metadata);
  return bytes;
}

/** Whether `text` is a valid address (never throws). */
export function isAddress(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    parseAddress(text);
    return true;
  } catch (error) {
    if (error instanceof AddressError) return false;
    throw error;
  }
}

/** parseAddress under the name the wire code reads best with. */
export const addressToBytes = parseAddress;
