// Block sync's progress bar in `pvchain node`: while the network reports that others committed
// blocks this node still has to fetch (PbftStatus.behind), a bar from the height at which it
// fell behind to theirs, on standard error when it is a terminal.
import type { PvchainNode } from '../node.ts';
import type { CliIo } from './cli-io.ts';
import { createProgress, type Progress } from './progress.ts';

export function watchSync(node: PvchainNode, io: CliIo, intervalMs = 250): { stop(): void } {
  if (!io.errIsTTY || !node.network) return { stop() {} };
  let bar: Progress | null = null;
  let from = 0n;
  const timer = setInterval(() => {
    const behind = node.network?.status()?.behind ?? null;
    const height = node.chain.height();
    if (behind && height < behind.height) {
      if (!bar) {
        from = height;
        bar = createProgress(io, 'syncing blocks', Number(behind.height - from));
      }
      bar.update(Number(height - from), Number(behind.height - from));
    } else if (bar) {
      bar.finish();
      bar = null;
    }
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      bar?.finish();
    },
  };
}
