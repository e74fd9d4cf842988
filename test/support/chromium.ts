// How tests, benchmarks and scripts start Debian's Chromium (the machine's only browser: nothing
// downloads one): headless, no sandbox (root in CI), nothing in the background. Also read by
// web-test-runner.config.mjs (Node strips the types as it loads this file).
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
