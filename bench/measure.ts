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

/** A subject whose `run()` may return a Promise, awaited before the next call. */
export type AsyncSubject = Subject;

/** `calls` calls of the subject, to be timed: the answer is the milliseconds they took. */
type TimedRun = { subject: Subject; calls: number };

/**
 * The runs of a measurement, one at a time, shared by the sync and async drivers below: first
 * each subject's calls per round, so that a round lasts about `roundMs` (calls quadrupled until a
 * run takes over a quarter of it), then the rounds, interleaved across subjects so a burst of load
 * from elsewhere on the machine hits all of them alike. Returns the median units per second.
 */
function* timedRuns(
  subjects: Subject[],
  options: BenchOptions,
): Generator<TimedRun, Map<string, number>, number> {
  const calls: number[] = [];
  for (const subject of subjects) {
    let n = 1;
    for (;;) {
      const elapsed = yield { subject, calls: n };
      if (elapsed > options.roundMs / 4) {
        calls.push(Math.max(1, Math.round((n * options.roundMs) / elapsed)));
        break;
      }
      n *= 4;
    }
  }
  const samples = subjects.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, subject] of subjects.entries()) {
      const n = calls[i] as number;
      const seconds = (yield { subject, calls: n }) / 1000;
      samples[i]?.push((n * subject.units) / seconds);
    }
  }
  return new Map(subjects.map((subject, i) => [subject.name, median(samples[i] as number[])]));
}

function timeSync({ subject, calls }: TimedRun): number {
  const started = performance.now();
  for (let i = 0; i < calls; i++) subject.run();
  return performance.now() - started;
}

async function timeAsync({ subject, calls }: TimedRun): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const result = subject.run();
    if (result instanceof Promise) await result;
  }
  return performance.now() - started;
}

/** Median units per second of each subject, rounds interleaved (see timedRuns). */
export function measureRates(subjects: Subject[], options: BenchOptions): Map<string, number> {
  const runs = timedRuns(subjects, options);
  let step = runs.next();
  while (!step.done) step = runs.next(timeSync(step.value));
  return step.value;
}

/** measureRates for subjects whose `run()` may return a Promise (each awaited in turn). */
export async function measureRatesAsync(
  subjects: AsyncSubject[],
  options: BenchOptions,
): Promise<Map<string, number>> {
  const runs = timedRuns(subjects, options);
  let step = runs.next();
  while (!step.done) step = runs.next(await timeAsync(step.value));
  return step.value;
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
