// bench/trie, proofs: proofs of random keys of the 100,000-key trie created and verified per
// second, by pvchain and by @ethereumjs/mpt with either SHA-256, subjects interleaved by round.
import {
  createMerkleProof,
  createMPT,
  type MerklePatriciaTrie,
  verifyMerkleProof,
} from '@ethereumjs/mpt';
import { createTrie, verifyProof } from '../assembly/bindings/trie/index.ts';
import { type AsyncSubject, type BenchOptions, measureRatesAsync, printTable } from './measure.ts';
import { type Entry, type Hash, hex, KEYS, noble, openssl, rate } from './trie-common.ts';

const PROOF_KEYS = 2000;

export async function benchProofs(
  data: Entry[],
  options: BenchOptions,
  summary: string[][],
): Promise<void> {
  const trie = createTrie({ hash: 'sha256' });
  await trie.batch(data.map(({ key, value }) => ({ type: 'put' as const, key, value })));
  const root = await trie.root();
  const peers: [string, MerklePatriciaTrie, Hash][] = [];
  for (const [label, hash] of [
    ['SHA-256 @noble/hashes', noble],
    ['SHA-256 node:crypto', openssl],
  ] as const) {
    const peer = await createMPT({ useKeyHashingFunction: hash });
    await peer.batch(data.map(({ key, value }) => ({ type: 'put' as const, key, value })));
    if (hex(peer.root()) !== hex(root)) throw new Error('peer root differs');
    peers.push([`@ethereumjs/mpt, ${label}`, peer, hash]);
  }
  const keys = data.slice(0, PROOF_KEYS).map(({ key }) => key);
  const proofs = await Promise.all(keys.map((key) => trie.createProof(key)));
  for (const [i, key] of keys.entries()) {
    const value = verifyProof(root, key, proofs[i] as Uint8Array[], { hash: 'sha256' });
    const peerValue = await verifyMerkleProof(key, proofs[i] as Uint8Array[], {
      root,
      useKeyHashingFunction: noble,
    });
    if (hex(value ?? new Uint8Array()) !== hex(peerValue ?? new Uint8Array())) {
      throw new Error('verifiers disagree');
    }
  }
  let c = 0;
  let v = 0;
  const nextKey = (): Uint8Array => {
    c = (c + 1) % PROOF_KEYS;
    return keys[c] as Uint8Array;
  };
  const creating: AsyncSubject[] = [
    {
      name: 'pvchain createProof',
      units: 1,
      run: () => trie.createProof(nextKey()),
    },
    ...peers.map(([name, peer]) => ({
      name,
      units: 1,
      run: () => createMerkleProof(peer, nextKey()),
    })),
  ];
  const verifying: AsyncSubject[] = [
    {
      name: 'pvchain verifyProof',
      units: 1,
      run: () => {
        v = (v + 1) % PROOF_KEYS;
        return verifyProof(root, keys[v] as Uint8Array, proofs[v] as Uint8Array[], {
          hash: 'sha256',
        });
      },
    },
    ...peers.map(([name, , hash]) => ({
      name,
      units: 1,
      run: () => {
        v = (v + 1) % PROOF_KEYS;
        return verifyMerkleProof(keys[v] as Uint8Array, proofs[v] as Uint8Array[], {
          root,
          useKeyHashingFunction: hash,
        });
      },
    })),
  ];
  const created = await measureRatesAsync(creating, options);
  const verified = await measureRatesAsync(verifying, options);
  console.log(
    `\n### Trie proofs: random keys of a ${KEYS.toLocaleString('en')}-key trie (SHA-256, in memory)\n`,
  );
  const ourCreate = created.get('pvchain createProof') as number;
  const ourVerify = verified.get('pvchain verifyProof') as number;
  printTable(
    ['implementation', 'proofs created/s', 'proofs verified/s'],
    [
      ['pvchain', rate(ourCreate), rate(ourVerify)],
      ...peers.map(([name]) => [
        name,
        `${rate(created.get(name) as number)} (pvchain ${(ourCreate / (created.get(name) as number)).toFixed(1)}x)`,
        `${rate(verified.get(name) as number)} (pvchain ${(ourVerify / (verified.get(name) as number)).toFixed(1)}x)`,
      ]),
    ],
  );
  const peerName = peers[0]?.[0] as string;
  for (const [figure, ours, peer, target] of [
    ['proof verification', ourVerify, verified.get(peerName) as number, 10],
    ['proof creation', ourCreate, created.get(peerName) as number, 5],
  ] as const) {
    const ratio = ours / peer;
    summary.push([
      figure,
      rate(ours),
      `@ethereumjs/mpt: ${rate(peer)}`,
      `${ratio.toFixed(1)}x`,
      `>= ${target}x ${ratio >= target ? 'met' : 'MISSED'}`,
    ]);
  }
  await trie.close();
}
