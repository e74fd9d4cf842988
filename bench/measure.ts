// The benchmark harness: rates measured in rounds of fixed duration, reported as medians, with
// the machine and Node version printed first. The machine is shared and noisy, so every figure
// and the peer it is compared with are measured in the same run, interleaved round by round.
import { availableParallelism, cpus, totalmem } from 'node:os';

export type BenchOptions = { rounds: number; roundMs: number };

/** A named operation; `units` is what one call does (hashes, or bytes for throughput). */
export type Subject = { name: string; units: number; run: () => unknown };

export function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memoryGiB = Math.round(totalmem() / 2 ** 30);
  return `${cpu}, ${availableParallelism()} cores, ${memoryGiB} GiB; Node ${process.version} (${process.platform}-${process.arch})`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Calls per round so that a round lasts about `roundMs`. */
function calibrate(subject: Subject, roundMs: number): number {
  let calls = 1;
  for (;;) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) subject.run();
    const elapsed = performance.now() - started;
    if (elapsed > roundMs / 4) return Math.max(1, Math.round((calls * roundMs) / elapsed));
    calls *= 4;
  }
}

/**
 * Median units per second of each subject. Rounds are interleaved across subjects, so a burst of
 * load from elsewhere on the machine hits all of them alike.
 */
export function measureRates(subjects: Subject[], options: BenchOptions): Map<string, number> {
  const calls = subjects.map((subject) => calibrate(subject, options.roundMs));
  const samples = subjects.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    subjects.forEach((subject, i) => {
      const n = calls[i] as number;
      const started = performance.now();
      for (let k = 0; k < n; k++) subject.run();
      const seconds = (performance.now() - started) / 1000;
      samples[i]?.push((n * subject.units) / seconds);
    });
  }
  return new Map(subjects.map((subject, i) => [subject.name, median(samples[i] as number[])]));
}

export function formatRate(unitsPerSecond: number, unit: 'hashes' | 'bytes'): string {
  if (unit === 'bytes') return `${(unitsPerSecond / 1e6).toFixed(0)} MB/s`;
  return `${(unitsPerSecond / 1e6).toFixed(2)} M/s`;
}

/** Prints a Markdown table (the README's benchmark tables are copied from this output). */
export function printTable(header: string[], rows: string[][]): void {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  console.log(line(header));
  console.log(line(header.map(() => '---')));
  for (const row of rows) console.log(line(row));
}
