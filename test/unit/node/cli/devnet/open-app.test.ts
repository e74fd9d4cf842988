// When `npm start` opens the web app in a browser (node/cli/devnet/open-app.ts): only with someone
// to see it, unless --open or --no-open says otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shouldOpenApp } from '../../../../../node/cli/devnet/open-app.ts';

const terminal = { interactive: true, platform: 'linux' as const, env: { DISPLAY: ':0' } };

describe('npm start opening the web app', () => {
  it('opens it from a terminal with a display', () => {
    assert.deepEqual(shouldOpenApp({ ...terminal, flag: undefined }).open, true);
    assert.equal(
      shouldOpenApp({ ...terminal, flag: undefined, env: { WAYLAND_DISPLAY: 'wayland-0' } }).open,
      true,
    );
    assert.equal(
      shouldOpenApp({ ...terminal, flag: undefined, platform: 'darwin', env: {} }).open,
      true,
    );
  });

  it('does not when nobody could see it, and says why', () => {
    assert.deepEqual(shouldOpenApp({ ...terminal, flag: undefined, interactive: false }), {
      open: false,
      why: 'standard output is not a terminal',
    });
    assert.deepEqual(shouldOpenApp({ ...terminal, flag: undefined, env: {} }), {
      open: false,
      why: 'no display (DISPLAY and WAYLAND_DISPLAY unset)',
    });
  });

  it('follows --open and --no-open whatever the terminal', () => {
    assert.equal(
      shouldOpenApp({ ...terminal, flag: true, interactive: false, env: {} }).open,
      true,
    );
    assert.deepEqual(shouldOpenApp({ ...terminal, flag: false }), {
      open: false,
      why: '--no-open',
    });
  });
});
