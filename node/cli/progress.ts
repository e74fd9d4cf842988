// A progress bar on standard error for long work (making many accounts, block sync): redrawn
// in place on a terminal, at most every 100 ms; elsewhere (a pipe, a log file, tests) silent,
// so that scripts' output stays clean.
import type { CliIo } from './cli-io.ts';

const WIDTH = 30;

export type Progress = { update(done: number, total?: number): void; finish(): void };

export function createProgress(io: CliIo, label: string, total: number): Progress {
  if (!io.errIsTTY) return { update() {}, finish() {} };
  let drawnAtMs = 0;
  let last = '';
  let all = total;
  const draw = (done: number): void => {
    const share = all > 0 ? Math.min(1, done / all) : 1;
    const filled = Math.round(share * WIDTH);
    last = `\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${all} ${Math.floor(share * 100)}%`;
    io.err(last);
  };
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) all = newTotal;
      const now = Date.now();
      if (now - drawnAtMs < 100 && done < all) return;
      drawnAtMs = now;
      draw(done);
    },
    finish() {
      if (last !== '') io.err(`\r${' '.repeat(last.length)}\r`);
    },
  };
}
