// How tests, benchmarks and scripts start Debian's Chromium (the machine's only browser: nothing
// downloads one): headless, no sandbox (root in CI), nothing in the background.
// (web-test-runner.config.mjs keeps its own copy of the flags: it is plain JavaScript.)
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
