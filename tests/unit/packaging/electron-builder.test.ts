/**
 * The packaging configuration (electron-builder.json), checked here where Electron cannot be
 * downloaded to build it: electron-builder's own validation accepts it, and it packages what
 * Parley needs: the built app, the seeds where main/index.ts looks for them, an icon large
 * enough for every platform, hardened fuses, and the installers for Linux, macOS and Windows.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.json', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is refused by that validation when a key is wrong (the check can fail)', async () => {
    await expect(
      validateConfiguration({ ...config, linux: { targets: 'deb' } } as never, new DebugLogger(false)),
    ).rejects.toThrow(/linux/);
  });

  it('builds AppImage and deb, dmg, and an NSIS installer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.appId).toBe('org.parley.desktop');
    expect(pkg.scripts.dist).toMatch(/electron-builder/);
  });

  it('packs the built app and puts the seeds where the packaged app reads them', () => {
    expect(config.files).toContain('out/**/*');
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'seeds', to: 'seeds' }));
    expect(readFileSync(join(ROOT, 'main/index.ts'), 'utf8')).toContain("join(process.resourcesPath, 'seeds')");
    expect(readdirSync(join(ROOT, 'seeds')).filter((n) => n.endsWith('.txt')).length).toBeGreaterThan(0);
  });

  it('has an icon of at least 512 × 512 pixels for every platform', () => {
    for (const platform of [config.linux, config.mac, config.win]) {
      expect(existsSync(join(ROOT, platform.icon))).toBe(true);
      const { width, height } = pngSize(join(ROOT, platform.icon));
      expect(Math.min(width, height)).toBeGreaterThanOrEqual(512);
    }
  });

  it('sets the fuses: no running as Node, no NODE_OPTIONS or inspector flags, the app only from its checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
});
