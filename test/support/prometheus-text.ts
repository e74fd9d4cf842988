// Reads what a /metrics endpoint answers (Prometheus text format) for the tests that scrape it.

/** Prometheus text: sample name with labels -> value (comments and blank lines skipped). */
export function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}
