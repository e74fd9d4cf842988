// The sync tests' source: one chain of `head` blocks on a temp LevelDB dir, opened before the
// test file's tests; it and every chain the tests open (pushed to `opened`) are closed after
// them, and the temp dirs removed.
import { after, before } from 'node:test';
import { growTo, openTestChain, removeDirs, type TestChain } from './sync-harness.ts';

export type SourceChain = { readonly source: TestChain; readonly opened: TestChain[] };

export function useSourceChain(head: number): SourceChain {
  let source: TestChain | null = null;
  const opened: TestChain[] = [];
  before(async () => {
    source = await openTestChain();
    await growTo(source.chain, head);
  });
  after(async () => {
    for (const chain of [source, ...opened]) await chain?.close();
    await removeDirs();
  });
  return {
    get source() {
      if (!source) throw new Error('the source chain is opened in before()');
      return source;
    },
    opened,
  };
}
