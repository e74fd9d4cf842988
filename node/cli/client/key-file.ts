// Key files of the CLI. An account key file is JSON { address, publicKey, secretKey } (hex),
// written with mode 0600 and refused when group or others may read it, like a validator's key
// file (64 hex characters, made by `pvchain init`), which the CLI also reads as a signing key.
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { addressFromPublicKey, getPublicKey } from '../../../assembly/bindings/crypto.node.ts';
import { CliUsageError } from '../cli-io.ts';

export type KeyPair = { address: string; publicKey: Uint8Array; secretKey: Uint8Array };

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function keyPairOf(secretKey: Uint8Array): KeyPair {
  const publicKey = getPublicKey(secretKey);
  return { address: addressFromPublicKey(publicKey), publicKey, secretKey };
}

export const keyFileText = (key: KeyPair): string =>
  `${JSON.stringify({ address: key.address, publicKey: hex(key.publicKey), secretKey: hex(key.secretKey) }, null, 2)}\n`;

/** Writes a key file readable by its owner only; refuses to overwrite one. */
export async function writeKeyFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliUsageError('--out', `${path} exists; a key file is never overwritten`);
    throw error;
  }
  await chmod(path, 0o600);
}

/** The signing key in `path` (an account key file or a validator key file). */
export async function readKeyFile(path: string, option = '--key <file>'): Promise<KeyPair> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(option, `cannot read ${path}: ${(error as Error).message}`);
  }
  if ((await stat(path)).mode & 0o077)
    throw new CliUsageError(option, `${path} may be read by other users: chmod 600 it`);
  const trimmed = text.trim();
  let secretHex = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      secretHex = String((JSON.parse(trimmed) as { secretKey?: unknown }).secretKey ?? '');
    } catch {
      secretHex = '';
    }
  }
  if (!/^[0-9a-f]{64}$/.test(secretHex))
    throw new CliUsageError(
      option,
      `${path} is not a key file (expected { "secretKey": "<64 hex>" } or 64 hex characters)`,
    );
  return keyPairOf(new Uint8Array(Buffer.from(secretHex, 'hex')));
}

/** A public key given as 64 hex characters or as a key file holding it. */
export async function publicKeyFrom(text: string, option: string): Promise<Uint8Array> {
  if (/^[0-9a-f]{64}$/.test(text)) return new Uint8Array(Buffer.from(text, 'hex'));
  let content: string;
  try {
    content = (await readFile(text, 'utf8')).trim();
  } catch {
    throw new CliUsageError(
      option,
      `expected a public key (64 hex characters) or a key file; cannot read ${text}`,
    );
  }
  if (content.startsWith('{')) {
    const json = JSON.parse(content) as { publicKey?: unknown; secretKey?: unknown };
    if (typeof json.publicKey === 'string' && /^[0-9a-f]{64}$/.test(json.publicKey))
      return new Uint8Array(Buffer.from(json.publicKey, 'hex'));
  }
  if (/^[0-9a-f]{64}$/.test(content))
    return keyPairOf(new Uint8Array(Buffer.from(content, 'hex'))).publicKey;
  throw new CliUsageError(option, `${text} holds no public key`);
}
