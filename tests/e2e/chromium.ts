/** The Chromium the end-to-end tests and the benchmark drive: Debian's, never a downloaded one. */

/** Where Chromium is; PARLEY_CHROMIUM chooses another. */
export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless run that reaches nothing outside the machine. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
