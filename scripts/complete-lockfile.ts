// Adds to package-lock.json the optional platform packages that this workplace's npm registry
// does not serve (Biome's and Rollup's binaries for other systems), so that `npm ci` accepts the
// lock file. npm leaves them out of the lock when their manifests 404, and then `npm ci` finds the
// lock "out of sync". Run after every `npm install`: `node scripts/complete-lockfile.ts`.
// See docs/adr/0003-toolchain.md.
import { readFileSync, writeFileSync } from 'node:fs';

type LockEntry = {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
};

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> };
const added: string[] = [];

for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || !/^\d+\.\d+\.\d+$/.test(range)) continue;
    lock.packages[key] = { version: range, dev: entry.dev, optional: true };
    added.push(`${name}@${range} (optional dependency of ${path || 'the project'})`);
  }
}

const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length ? `added to the lock file:\n  ${added.join('\n  ')}` : 'lock file complete',
);
