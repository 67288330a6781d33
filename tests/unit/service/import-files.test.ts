import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readImportFiles } from '../../../main/service/dataset-import';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-import-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the files of a folder import', () => {
  it('follows no link out of the chosen folder, and reads links to files inside it', async () => {
    const chosen = join(dir, 'brat');
    await mkdir(chosen);
    await mkdir(join(dir, 'private'));
    await writeFile(join(dir, 'private', 'secret.ann'), 'T1\tquote 0 6\tsecret\n');
    await writeFile(join(chosen, 'a.ann'), 'T1\tquote 0 5\tfirst\n');
    await symlink(join(dir, 'private', 'secret.ann'), join(chosen, 'b.ann'));
    await symlink(join(dir, 'private'), join(chosen, 'c-folder'));
    await symlink('/etc/passwd', join(chosen, 'd.txt'));
    await symlink(join(chosen, 'a.ann'), join(chosen, 'e.ann'));
    const files = await readImportFiles(chosen, true);
    expect(files.map((f) => f.path)).toEqual(['a.ann', 'e.ann']);
    expect(files.map((f) => f.content).join('')).not.toContain('secret');
  });
});
