// Where a validator's time went: a V8 .cpuprofile (node --cpu-prof) summed by the part of the node
// each sample's stack runs in, first matching category wins (so signature checks inside admission
// count as admission's; stacks are read leaf first). Percentages are of the process's busy samples (idle left out). Under CPU
// contention V8 samples by wall clock, so shares are what matter, not absolute milliseconds.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const CATEGORIES: [string, RegExp][] = [
  [
    'startup (module loading, genesis)',
    /compileSourceTextModule|esm\/loader|amaro|createNode@|loadNodeConfig/,
  ],
  ['tx admission from gossip: Ed25519 verify', /ed25519-verify.* < admit@/],
  ['tx admission from gossip: decode, checks, pool', /admit@/],
  [
    'blocks: propose or receive (decode, batch verify), execute, state trie',
    /executeReceived|received-block\.ts|execute-block\.ts|execute@[^ ]*chain\/chain\.ts|state-store\.ts|bindings\/trie\/|propose@[^ ]*(chain\/chain|mempool\/mempool)\.ts/,
  ],
  [
    'blocks: commit (ledger.db, pool cleanup, log line)',
    /commitPending|removeHashes|onCommitted|ledger-store/,
  ],
  ['consensus messages and engine', /node\/consensus/],
  ['gossip: forwarding and publishing', /sendRpc|forwardMessage|publish@[^ ]*gossipsub/],
  ['gossip: receiving, dedup, scoring', /gossipsub/],
  ['Noise encryption (ChaCha20-Poly1305)', /noise|chacha/],
  [
    'yamux, TCP, length-prefixed streams',
    /yamux|socket-to-conn|abstract-message-stream|uint8arraylist|it-length-prefixed|it-pushable|stream_base_commons/,
  ],
  ['LevelDB', /classic-level|abstract-level/],
  ['garbage collector', /^\(garbage collector\)/],
];

function summarise(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const out = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const leaf = byId.get(id)?.callFrame.functionName ?? '';
    if (leaf === '(idle)') continue;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) frames.push(`${frame.functionName}@${frame.url}`);
    }
    const stack = frames.join(' < ');
    const category = CATEGORIES.find(([, test]) => test.test(stack))?.[0] ?? 'other';
    out.set(category, (out.get(category) ?? 0) + us);
  }
  return out;
}

/** Shares (percent of busy time) per category, one column per profile in `dir`. */
export async function profileShares(dir: string): Promise<{ files: string[]; rows: string[][] }> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).sort();
  const sums = await Promise.all(
    files.map(async (f) => summarise(JSON.parse(await readFile(join(dir, f), 'utf8')) as Profile)),
  );
  const busy = sums.map((s) => [...s.values()].reduce((a, b) => a + b, 0));
  const names = [...CATEGORIES.map(([name]) => name), 'other'];
  const rows = names.map((name) => [
    name,
    ...sums.map((s, i) => `${((100 * (s.get(name) ?? 0)) / (busy[i] || 1)).toFixed(1)}%`),
  ]);
  return { files, rows };
}
