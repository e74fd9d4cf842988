// The demo network's data dir: written once (genesis, keys chmod 600, configs, DEVNET.txt),
// checked on later runs (another chain, another genesis, a foreign folder, a wrong key refused),
// its configs following the options (ports, meters in validator 0 only).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { DevnetDataError, prepareDevnetData } from '../../../../../node/cli/devnet/devnet-data.ts';
import { DEVNET_CHAIN_ID } from '../../../../../node/cli/devnet/devnet-plan.ts';
import { loadNodeConfig } from '../../../../../node/config/node-config-file.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-devnet-data-'));
  dirs.push(dir);
  return dir;
}

it('writes a fresh data dir, then reuses it with configs that follow the options', async () => {
  const dataDir = await tmp();
  const first = await prepareDevnetData({ dataDir, basePort: 31001, meterSpeed: 60 });
  assert.equal(first.created, true);
  assert.equal(first.configFiles.length, 4);
  assert.match(
    await readFile(join(dataDir, 'DEVNET.txt'), 'utf8'),
    /never use it for anything real/i,
  );
  for (let i = 0; i < 4; i++) {
    assert.equal((await stat(join(dataDir, `node-${i}`, 'validator.key'))).mode & 0o777, 0o600);
    const config = await loadNodeConfig(first.configFiles[i] as string);
    assert.equal(config.genesis.chainId, DEVNET_CHAIN_ID);
    assert.equal(config.genesis.households.length, 64);
    assert.equal(config.p2p.listen.tcp, `/ip4/127.0.0.1/tcp/${31001 + i}`);
    assert.equal(config.p2p.listen.ws, `/ip4/127.0.0.1/tcp/${31101 + i}/ws`);
    assert.equal(config.p2p.peers.length, 3);
    assert.deepEqual(config.devMeters, i === 0 ? { speed: 60 } : undefined);
    assert.equal(config.webserver?.listen, `127.0.0.1:${31201 + i}`);
    assert.equal(config.monitor?.listen, `127.0.0.1:${31301 + i}`);
    assert.deepEqual(config.logger, {
      level: 'info',
      output: 'file',
      file: join(dataDir, `node-${i}`, 'node.log'),
    });
    assert.equal(config.dataDir, join(dataDir, `node-${i}`, 'chain'));
  }
  const genesisText = await readFile(join(dataDir, 'genesis.json'), 'utf8');
  const again = await prepareDevnetData({ dataDir, basePort: 27001 });
  assert.equal(again.created, false);
  assert.equal(await readFile(join(dataDir, 'genesis.json'), 'utf8'), genesisText);
  const config = await loadNodeConfig(again.configFiles[0] as string);
  assert.equal(config.devMeters, undefined);
  assert.equal(config.p2p.listen.tcp, '/ip4/127.0.0.1/tcp/27001');
});

it('refuses data of another chain, another genesis, a foreign folder or a wrong key', async () => {
  const other = await tmp();
  await writeFile(join(other, 'genesis.json'), JSON.stringify({ chainId: 'pvchain-prod' }));
  await assert.rejects(prepareDevnetData({ dataDir: other, basePort: 27001 }), (e) => {
    assert.ok(e instanceof DevnetDataError);
    assert.match(e.message, /holds chain "pvchain-prod", not the demo network/);
    return true;
  });

  const changed = await tmp();
  await prepareDevnetData({ dataDir: changed, basePort: 27001 });
  const genesis = JSON.parse(await readFile(join(changed, 'genesis.json'), 'utf8'));
  genesis.households[0].energyWh = 1;
  await writeFile(join(changed, 'genesis.json'), JSON.stringify(genesis));
  await assert.rejects(prepareDevnetData({ dataDir: changed, basePort: 27001 }), /differs/);

  const foreign = await tmp();
  await writeFile(join(foreign, 'notes.txt'), 'mine');
  await assert.rejects(prepareDevnetData({ dataDir: foreign, basePort: 27001 }), /not empty/);

  const wrongKey = await tmp();
  await prepareDevnetData({ dataDir: wrongKey, basePort: 27001 });
  await mkdir(join(wrongKey, 'node-2'), { recursive: true });
  await writeFile(join(wrongKey, 'node-2', 'validator.key'), `${'11'.repeat(32)}\n`);
  await assert.rejects(
    prepareDevnetData({ dataDir: wrongKey, basePort: 27001 }),
    /node-2.validator\.key is not the demo network's key/,
  );
});
