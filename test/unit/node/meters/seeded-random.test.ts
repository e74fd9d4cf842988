// The seeded generator: reproducible, distinct per seed and label, uniform enough.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSeededRandom, deriveSeed } from '../../../../node/meters/seeded-random.ts';

describe('createSeededRandom', () => {
  it('repeats for the same seed and labels and differs otherwise', () => {
    const draw = (seed: number | string, ...labels: string[]) => {
      const r = createSeededRandom(seed, ...labels);
      return Array.from({ length: 8 }, () => r.next());
    };
    assert.deepEqual(draw(1, 'a'), draw(1, 'a'));
    assert.notDeepEqual(draw(1, 'a'), draw(2, 'a'));
    assert.notDeepEqual(draw(1, 'a'), draw(1, 'b'));
    assert.notDeepEqual(draw(1, 'ab'), draw(1, 'a', 'b'));
    assert.notEqual(deriveSeed('1'), deriveSeed(1));
  });

  it('draws uniforms in [0, 1) and normals with mean 0 and variance 1', () => {
    const r = createSeededRandom(123);
    let sum = 0;
    let sumNormal = 0;
    let sumSquares = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      assert.ok(u >= 0 && u < 1);
      sum += u;
      const z = r.normal();
      sumNormal += z;
      sumSquares += z * z;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.01);
    assert.ok(Math.abs(sumNormal / n) < 0.03);
    assert.ok(Math.abs(sumSquares / n - 1) < 0.05);
  });
});
