// The batches the crash test's child writes: a pure function of the seed and the height, so the
// test can replay them to know what each committed state holds.
import type { TrieBatchOp } from '../../../../assembly/bindings/trie/index.ts';
import { createRandom } from '../../../shared/random.ts';

const KEY_SPACE = 4000;
const OPS_PER_BATCH = 600;

function keyOf(index: number): Uint8Array {
  return createRandom(index + 1).bytes(index % 5 === 0 ? 3 : 32);
}

export function crashBatch(seed: number, height: number): TrieBatchOp[] {
  const random = createRandom((seed ^ Math.imul(height, 0x9e3779b1)) >>> 0);
  const ops: TrieBatchOp[] = [];
  for (let i = 0; i < OPS_PER_BATCH; i++) {
    const key = keyOf(random.int(KEY_SPACE));
    if (random.int(5) === 0) ops.push({ type: 'del', key });
    else ops.push({ type: 'put', key, value: random.bytes(1 + random.int(50)) });
  }
  return ops;
}
