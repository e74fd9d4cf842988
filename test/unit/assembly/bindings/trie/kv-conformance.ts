// What every KVStore must do (assembly/bindings/trie/kv.ts); run on MemoryKV and on LevelKV.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { KVStore } from '../../../../../assembly/bindings/trie/index.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

export function kvConformance(open: () => Promise<KVStore>): void {
  it('gets what was put, undefined for what was not or was deleted', async () => {
    const kv = await open();
    await kv.batch([
      { type: 'put', key: bytes(1, 2), value: bytes(3) },
      { type: 'put', key: bytes(1), value: bytes() },
      { type: 'put', key: bytes(9), value: bytes(9) },
    ]);
    assert.deepEqual(await kv.get(bytes(1, 2)), bytes(3));
    assert.deepEqual(await kv.get(bytes(1)), bytes());
    assert.equal(await kv.get(bytes(2)), undefined);
    await kv.batch([{ type: 'del', key: bytes(9) }]);
    assert.deepEqual(await kv.getMany([bytes(9), bytes(1, 2), bytes(7)]), [
      undefined,
      bytes(3),
      undefined,
    ]);
    assert.deepEqual(await kv.getMany([]), []);
    await kv.close();
  });

  it('applies a batch in order: a later operation on the same key wins', async () => {
    const kv = await open();
    await kv.batch([
      { type: 'put', key: bytes(5), value: bytes(1) },
      { type: 'del', key: bytes(5) },
      { type: 'put', key: bytes(6), value: bytes(1) },
      { type: 'put', key: bytes(6), value: bytes(2) },
    ]);
    assert.equal(await kv.get(bytes(5)), undefined);
    assert.deepEqual(await kv.get(bytes(6)), bytes(2));
    await kv.close();
  });

  it('lists keys of a range in byte order, and values are not aliased', async () => {
    const kv = await open();
    const value = bytes(7, 7);
    await kv.batch(
      [[2, 1], [1], [1, 255], [2], [1, 0, 0], [3]].map((key) => ({
        type: 'put' as const,
        key: Uint8Array.from(key),
        value,
      })),
    );
    value[0] = 0;
    const keys: number[][] = [];
    for await (const key of kv.keys({ gte: bytes(1), lt: bytes(3) })) keys.push([...key]);
    assert.deepEqual(keys, [[1], [1, 0, 0], [1, 255], [2], [2, 1]]);
    const got = (await kv.get(bytes(3))) as Uint8Array;
    assert.deepEqual(got, bytes(7, 7));
    got[1] = 0;
    assert.deepEqual(await kv.get(bytes(3)), bytes(7, 7));
    await kv.close();
  });
}
