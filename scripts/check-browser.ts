// Run before the browser tests: says clearly what is missing instead of a launcher stack trace.
import { accessSync, constants } from 'node:fs';

const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.error(
    `The browser tests need Chromium at ${chromium}. On Debian: apt-get install chromium ` +
      '(as root), or point CHROME_PATH at a Chromium or Chrome binary.',
  );
  process.exit(1);
}
