import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../../node/cli/cli-io.ts';
import { createProgress } from '../../../../node/cli/progress.ts';

const ioWith = (errIsTTY: boolean) => {
  const written: string[] = [];
  const io: CliIo = {
    out: () => {},
    err: (text) => written.push(text),
    interrupt: new AbortController().signal,
    errIsTTY,
  };
  return { io, written };
};

describe('progress bar', () => {
  it('draws on a terminal: the share done, the count, and the final state', () => {
    const { io, written } = ioWith(true);
    const bar = createProgress(io, 'key files', 4);
    bar.update(1);
    bar.update(4);
    assert.equal(written[0], `\rkey files [${'#'.repeat(8)}${'.'.repeat(22)}] 1/4 25%`);
    assert.equal(written.at(-1), `\rkey files [${'#'.repeat(30)}] 4/4 100%`);
    bar.finish();
    assert.match(written.at(-1) as string, /^\r +\r$/);
  });

  it('is silent when standard error is not a terminal', () => {
    const { io, written } = ioWith(false);
    const bar = createProgress(io, 'syncing blocks', 10);
    bar.update(5);
    bar.finish();
    assert.deepEqual(written, []);
  });
});
