/**
 * electronegativity over the built app: every finding must be explained in docs/security.md,
 * and every explanation there must still match a finding. Needs `npm run build` first (as
 * `npm test` does).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'out');
const BIN = join(ROOT, 'node_modules/.bin/electronegativity');

/** `CHECK file` of each row of the scanner table in docs/security.md. */
async function explained(): Promise<string[]> {
  const doc = await readFile(join(ROOT, 'docs/security.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Static scanner'));
  return [...table.matchAll(/^\| `([A-Z_]+)`\s*\| `([^`]+)`/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe.skipIf(!existsSync(join(OUT, 'main/index.js')))('electronegativity over the built app', () => {
  it('finds nothing that docs/security.md does not explain', { timeout: 180_000 }, async () => {
    const version = (
      JSON.parse(await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
    ).version;
    const dir = await mkdtemp(join(tmpdir(), 'parley-scan-'));
    try {
      // SARIF, not CSV: the scanner's CSV loses the first fields of a row whose sample is long.
      const report = join(dir, 'report.sarif');
      await promisify(execFile)(BIN, ['-i', OUT, '-r', '-e', version, '-v', 'false', '-o', report], { cwd: ROOT });
      const sarif = JSON.parse(await readFile(report, 'utf8')) as {
        runs: {
          results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
        }[];
      };
      const findings = sarif.runs.flatMap((run) =>
        run.results.map((r) => `${r.ruleId} ${r.locations?.[0]?.physicalLocation.artifactLocation.uri ?? 'N/A'}`),
      );
      console.log(`electronegativity ${version}: ${findings.length} finding(s): ${findings.join('; ')}`);
      expect([...new Set(findings)].sort()).toEqual((await explained()).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
