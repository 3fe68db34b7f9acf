import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

// Which Chromium runs the tests: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
// Playwright's own download. With none, the run fails and says how to get one.

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(
        `CHROMIUM_PATH=${fromEnv} does not exist. Point it at a Chromium, or unset it and install one: ` +
          '`apt-get install -y chromium` or `npx playwright install chromium`.',
      );
    }
    return fromEnv;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && existsSync(bundled)) return undefined; // Playwright's own browser
  throw new Error(
    'No Chromium found for the browser tests. Install one: `apt-get install -y chromium` ' +
      '(Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH.',
  );
}
