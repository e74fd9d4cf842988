// Solo nodes for unit tests, each on a temp data dir of its own (real LevelDB), removed when the
// test file ends: 50 ms between blocks, signatures verified in this thread (no worker pool).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createNode, type PvchainNode } from '../../node/node.ts';
import { soloNodeConfig } from './community.ts';

/** Call at the top of a test file: a maker of temp dirs named `prefix…`, removed after the file. */
export function tempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** A solo node on `dataDir` (created, not started). */
export const createTestSoloNode = (dataDir: string): Promise<PvchainNode> =>
  createNode(soloNodeConfig(dataDir, { blockIntervalMs: 50, verifyWorkers: 0 }));
