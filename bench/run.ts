// `npm run bench`: every benchmark, with the machine, Node version, peer figures and ratios.
//   npm run bench -- --rounds 9 --round-ms 300
//   npm run bench -- --only contracts,ledger   (hash, ed25519, trie, ledger, contracts, network,
//   light-client, web)
import { parseArgs } from 'node:util';
import { benchContracts } from './contracts.ts';
import { benchEd25519 } from './ed25519.ts';
import { benchHash } from './hash.ts';
import { benchLedger } from './ledger.ts';
import { benchLightClient } from './light-client.ts';
import { describeMachine, printTable } from './measure.ts';
import { benchNetwork } from './network.ts';
import { benchTrie } from './trie.ts';
import { benchWeb } from './web.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    'round-ms': { type: 'string', default: '250' },
    only: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const roundMs = Number(values['round-ms']);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new RangeError(`--rounds must be a positive integer, got ${values.rounds}`);
if (!(roundMs > 0)) throw new RangeError(`--round-ms must be positive, got ${values['round-ms']}`);

console.log(`# pvchain benchmarks\n\n${describeMachine()}`);
console.log(
  `Medians of ${rounds} rounds of about ${roundMs} ms, peers measured in the same run, rounds interleaved.`,
);
const only = values.only?.split(',');
const BENCHES = [
  'hash',
  'ed25519',
  'trie',
  'ledger',
  'contracts',
  'network',
  'light-client',
  'web',
];
for (const name of only ?? [])
  if (!BENCHES.includes(name)) throw new RangeError(`--only: ${name} is not one of ${BENCHES}`);
const wanted = (name: string): boolean => !only || only.includes(name);
const summary: string[][] = [];
if (wanted('hash')) summary.push(...(await benchHash({ rounds, roundMs })));
if (wanted('ed25519')) summary.push(...(await benchEd25519({ rounds, roundMs })));
if (wanted('trie')) summary.push(...(await benchTrie({ rounds, roundMs })));
if (wanted('ledger')) summary.push(...(await benchLedger(Math.max(1, Math.min(rounds, 3)))));
if (wanted('contracts')) summary.push(...(await benchContracts({ rounds, roundMs })));
if (wanted('network')) summary.push(...(await benchNetwork()));
if (wanted('light-client')) summary.push(...(await benchLightClient({ rounds, roundMs })));
if (wanted('web')) summary.push(...(await benchWeb({ rounds })));
console.log('\n### Targets\n');
printTable(['figure', 'pvchain', 'peer', 'ratio', 'target'], summary);
