import { accessSync, constants } from 'node:fs';

// Tollbook drives the operating system's Chromium rather than a browser downloaded by npm: it is
// patched by the distribution's security updates and needs no network at install time.

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium executable to use: $CHROMIUM_PATH when it is set (and then only it, so that a typo
 * in the setting fails loudly instead of silently picking another browser), otherwise the first
 * usual install location that exists. Null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') return isExecutable(configured) ? configured : null;
  return CANDIDATES.find(isExecutable) ?? null;
}

/**
 * Launch flags. Besides the usual headless ones, the last three seal the browser off the network:
 * Playwright's request routing does not see everything Chromium fetches (link prefetch, beacons,
 * DNS prefetch go around it), so every connection is also sent to a proxy that does not exist
 * (the discard port on loopback, loopback included) and every host name fails to resolve.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];
