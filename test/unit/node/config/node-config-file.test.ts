import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadNodeConfig } from '../../../../node/config/node-config-file.ts';
import { CHAIN_ID, hex, publicKey, secretKey, VALIDATOR } from '../../../support/community.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function setUp(config: Record<string, unknown>, keyMode = 0o600) {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-config-'));
  dirs.push(dir);
  const genesis = {
    chainId: CHAIN_ID,
    timeMs: 1,
    genesisAccount: { publicKey: hex(publicKey(0)) },
    validators: [{ publicKey: hex(publicKey(VALIDATOR)) }],
  };
  await writeFile(join(dir, 'genesis.json'), JSON.stringify(genesis));
  await writeFile(join(dir, 'validator.key'), `${hex(secretKey(VALIDATOR))}\n`);
  await chmod(join(dir, 'validator.key'), keyMode);
  const file = join(dir, 'node.json');
  await writeFile(
    file,
    JSON.stringify({
      dataDir: 'data',
      genesisFile: 'genesis.json',
      validation: { keyFile: 'validator.key' },
      p2p: { listen: { tcp: '/ip4/127.0.0.1/tcp/0' } },
      ...config,
    }),
  );
  return { dir, file };
}

const fieldsOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.issues.map((i) => i.field);
  }
  assert.fail('the config was accepted');
};

describe('node config file', () => {
  it('loads a config with defaults, paths resolved next to the file', async () => {
    const { dir, file } = await setUp({});
    const config = await loadNodeConfig(file);
    assert.equal(config.dataDir, join(dir, 'data'));
    assert.equal(config.genesis.chainId, CHAIN_ID);
    assert.deepEqual(config.validatorSecretKey, secretKey(VALIDATOR));
    assert.equal(config.consensus.baseTimeoutMs, 1000);
    assert.deepEqual(config.p2p.peers, []);
  });

  it('names each wrong field', async () => {
    const { file } = await setUp({
      consensus: { baseTimeoutMs: 1 },
      p2p: { listen: { tcp: 'port 7' } },
      extra: 1,
    });
    assert.deepEqual(
      (await fieldsOf(loadNodeConfig(file))).sort(),
      ['(root)', 'consensus.baseTimeoutMs', 'p2p.listen.tcp'].sort(),
    );
  });

  it('refuses a validator key other users may read, and a missing genesis', async () => {
    const { file } = await setUp({}, 0o644);
    assert.deepEqual(await fieldsOf(loadNodeConfig(file)), ['validation.keyFile']);
    const missing = await setUp({ genesisFile: 'nowhere.json' });
    assert.deepEqual(await fieldsOf(loadNodeConfig(missing.file)), ['genesisFile']);
  });
});
