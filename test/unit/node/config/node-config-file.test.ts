import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadNodeConfig } from '../../../../node/config/node-config-file.ts';
import { CHAIN_ID, hex, publicKey, secretKey, VALIDATOR } from '../../../support/community.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const LAYOUT = {
  db: { path: 'data' },
  ledger: { genesisFile: 'genesis.json' },
  validation: { keyFile: 'validator.key' },
  p2p: { listen: { tcp: '/ip4/127.0.0.1/tcp/0' } },
};

async function setUp(config: Record<string, unknown>, keyMode = 0o600, base = LAYOUT) {
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
  await writeFile(file, JSON.stringify({ ...base, ...config }));
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
    const config = await loadNodeConfig(file, {});
    assert.equal(config.dataDir, join(dir, 'data'));
    assert.equal(config.db.path, join(dir, 'data'));
    assert.equal(config.ledger.genesisFile, join(dir, 'genesis.json'));
    assert.equal(config.ledger.blockIntervalMs, 300);
    assert.equal(config.genesis.chainId, CHAIN_ID);
    assert.deepEqual(config.validatorSecretKey, secretKey(VALIDATOR));
    assert.equal(config.consensus.baseTimeoutMs, 1000);
    assert.deepEqual(config.p2p.peers, []);
    assert.deepEqual(config.logger, { level: 'info', output: 'stderr' });
    assert.equal(config.validation.verifyWorkers, 1);
    assert.equal(config.monitor, undefined);
    assert.equal(config.webserver, undefined);
  });

  it('reads every section: webserver, wsserver, logger with a file, monitor', async () => {
    const { dir, file } = await setUp({
      webserver: { listen: '127.0.0.1:27201' },
      wsserver: { maxSubscriptions: 8 },
      logger: { level: 'debug', output: 'file', file: 'logs/node.log' },
      monitor: { listen: '127.0.0.1:27301' },
    });
    const config = await loadNodeConfig(file, {});
    assert.equal(config.webserver?.rateLimitPerMinute, 3600);
    assert.equal(config.wsserver?.maxSubscriptions, 8);
    assert.equal(config.wsserver?.messagesPerSecond, 20);
    assert.deepEqual(config.logger, {
      level: 'debug',
      output: 'file',
      file: join(dir, 'logs/node.log'),
    });
    assert.equal(config.monitor?.listen, '127.0.0.1:27301');
  });

  it('still reads the first layout (dataDir, genesisFile, verifyWorkers at the top)', async () => {
    const { dir, file } = await setUp(
      {
        dataDir: 'old',
        genesisFile: 'genesis.json',
        verifyWorkers: 3,
        ledger: { blockIntervalMs: 200 },
      },
      0o600,
      { validation: { keyFile: 'validator.key' }, p2p: LAYOUT.p2p } as typeof LAYOUT,
    );
    const config = await loadNodeConfig(file, {});
    assert.equal(config.dataDir, join(dir, 'old'));
    assert.equal(config.ledger.genesisFile, join(dir, 'genesis.json'));
    assert.equal(config.ledger.blockIntervalMs, 200);
    assert.equal(config.validation.verifyWorkers, 3);
    const both = await setUp({ dataDir: 'old' });
    assert.deepEqual(await fieldsOf(loadNodeConfig(both.file, {})), ['dataDir']);
  });

  it('names each wrong field and what was expected', async () => {
    const { file } = await setUp({
      consensus: { baseTimeoutMs: 1 },
      p2p: { listen: { tcp: 'port 7' } },
      logger: { level: 'loud', output: 'file' },
      monitor: { listen: 'anywhere' },
      extra: 1,
    });
    const error = await loadNodeConfig(file, {}).catch((e: unknown) => e);
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(
      error.issues.map((i) => i.field).sort(),
      [
        '(root)',
        'consensus.baseTimeoutMs',
        'p2p.listen.tcp',
        'logger.level',
        'monitor.listen',
      ].sort(),
    );
    const monitor = error.issues.find((i) => i.field === 'monitor.listen');
    assert.match(String(monitor?.message), /expected host:port like 127\.0\.0\.1:27201/);
    assert.match(error.message, /p2p\.listen\.tcp: expected a multiaddr/);
    const noFile = await setUp({ logger: { output: 'file' } });
    assert.deepEqual(await fieldsOf(loadNodeConfig(noFile.file, {})), ['logger.file']);
  });

  it('applies environment overrides: PVCHAIN_<SECTION>_<FIELD>', async () => {
    const { file } = await setUp({ webserver: { listen: '127.0.0.1:1' } });
    const config = await loadNodeConfig(file, {
      PVCHAIN_P2P_LISTEN_TCP: '/ip4/127.0.0.1/tcp/7001',
      PVCHAIN_P2P_PEERS: '/ip4/127.0.0.1/tcp/7002/p2p/abc, /ip4/127.0.0.1/tcp/7003/p2p/def',
      PVCHAIN_WEBSERVER_LISTEN: '127.0.0.1:27201',
      PVCHAIN_LOGGER_LEVEL: 'warn',
      PVCHAIN_LEDGER_BLOCK_INTERVAL_MS: '750',
      PVCHAIN_MONITOR_LISTEN: '127.0.0.1:27301',
      PVCHAIN_NODE: 'http://127.0.0.1:1', // not a config field: ignored
    });
    assert.equal(config.p2p.listen.tcp, '/ip4/127.0.0.1/tcp/7001');
    assert.deepEqual(config.p2p.peers, [
      '/ip4/127.0.0.1/tcp/7002/p2p/abc',
      '/ip4/127.0.0.1/tcp/7003/p2p/def',
    ]);
    assert.equal(config.webserver?.listen, '127.0.0.1:27201');
    assert.equal(config.logger.level, 'warn');
    assert.equal(config.ledger.blockIntervalMs, 750);
    assert.equal(config.monitor?.listen, '127.0.0.1:27301');
    const bad = await loadNodeConfig(file, { PVCHAIN_LEDGER_BLOCK_INTERVAL_MS: 'soon' }).catch(
      (e: unknown) => e,
    );
    assert.ok(bad instanceof ConfigError);
    assert.deepEqual(
      bad.issues.map((i) => i.field),
      ['ledger.blockIntervalMs (from PVCHAIN_LEDGER_BLOCK_INTERVAL_MS)'],
    );
  });

  it('refuses a validator key other users may read, and a missing genesis', async () => {
    const { file } = await setUp({}, 0o644);
    const error = await loadNodeConfig(file, {}).catch((e: unknown) => e);
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(
      error.issues.map((i) => i.field),
      ['validation.keyFile'],
    );
    assert.match(error.message, /may be read by other users: chmod 600/);
    assert.deepEqual(await fieldsOf(loadNodeConfig((await setUp({}, 0o640)).file, {})), [
      'validation.keyFile',
    ]);
    const missing = await setUp({ ledger: { genesisFile: 'nowhere.json' } });
    assert.deepEqual(await fieldsOf(loadNodeConfig(missing.file, {})), ['ledger.genesisFile']);
  });
});
