// An example contract: a shared counter with an owner, and a board where every account keeps one
// short note. It shows the SDK's storage, events, caller and revert; docs/contracts.md, "The
// SDK", walks through it. Storage: `owner` -> address, `count` -> u64, `n` + address -> note.
import {
  Address,
  caller,
  emit,
  input,
  orRevert,
  output,
  Reader,
  revert,
  storageDelete,
  storageGet,
  storageGetU64,
  storageKey,
  storageSet,
  storageSetU64,
  Writer,
} from '../../contract-sdk/index';

/** Longest note, in bytes of UTF-8. */
const MAX_NOTE_BYTES: i32 = 280;

function key(name: string): Uint8Array {
  return storageKey(name, new Uint8Array(0));
}

/** Deployment: the deployer owns the counter. Input: none. */
export function init(): void {
  const ownerKey = key('owner');
  if (storageGet(ownerKey) !== null) revert('already initialised');
  storageSet(ownerKey, caller().bytes);
}

/** Adds a step (u64 > 0) to the counter; outputs the new count (u64); event `incremented`. */
export function increment(): void {
  const r = new Reader(input());
  const step = r.u64();
  r.end();
  if (step === 0) revert('step must be positive');
  const countKey = key('count');
  const count = storageGetU64(countKey) + step;
  if (count < step) revert('counter overflow');
  storageSetU64(countKey, count);
  const data = new Writer(31).address(caller()).u64(count).finish();
  emit('incremented', data);
  output(new Writer(8).u64(count).finish());
}

/** Outputs the count (u64; 0 before the first increment). */
export function count(): void {
  output(new Writer(8).u64(storageGetU64(key('count'))).finish());
}

/** Sets the counter back to 0; only the owner may. Event `reset` (the old count). */
export function reset(): void {
  const owner = Address.fromBytes(orRevert(storageGet(key('owner')), 'not initialised'));
  if (!owner.equals(caller())) revert('only the owner may reset the counter');
  const countKey = key('count');
  const old = storageGetU64(countKey);
  storageDelete(countKey);
  emit('reset', new Writer(8).u64(old).finish());
}

/** Pins the caller's note (UTF-8, 1-280 bytes), replacing the previous one. Event `note`. */
export function post_note(): void {
  const text = input();
  if (text.length === 0 || text.length > MAX_NOTE_BYTES) revert('a note is 1-280 bytes');
  const author = caller();
  storageSet(storageKey('n', author.bytes), text);
  emit('note', author.bytes);
}

/** Outputs the note of an account (input: its 23-byte address); reverts `no note`. */
export function read_note(): void {
  const r = new Reader(input());
  const author = r.address();
  r.end();
  output(orRevert(storageGet(storageKey('n', author.bytes)), 'no note'));
}
