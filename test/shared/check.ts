// Assertions that run in Node and in browsers alike (the shared suites use them in both).

export class CheckError extends Error {
  override name = 'CheckError';
}

export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new RangeError(`odd-length hex: ${hex.length}`);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export function checkEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) {
    throw new CheckError(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  }
}

export function checkBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (!(actual instanceof Uint8Array)) throw new CheckError(`${what}: not a Uint8Array`);
  checkEqual(toHex(actual), toHex(expected), what);
}

export function checkThrows(
  run: () => unknown,
  errorType: new (...args: never[]) => Error,
  messagePattern: RegExp,
  what: string,
): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof errorType)) {
      throw new CheckError(`${what}: expected ${errorType.name}, got ${String(error)}`);
    }
    if (!messagePattern.test(error.message)) {
      throw new CheckError(`${what}: message "${error.message}" does not match ${messagePattern}`);
    }
    return;
  }
  throw new CheckError(`${what}: expected ${errorType.name}, nothing was thrown`);
}
