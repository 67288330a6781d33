import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDocumentFile, loadFolder, titleOf } from '../../../main/service/corpus';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-corpus-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const put = (name: string, content: string | Uint8Array): Promise<void> => writeFile(join(dir, name), content);

describe('corpus', () => {
  describe('loadFolder', () => {
    it('loads only .txt and .md files, any case, sorted by name, and not subfolders', async () => {
      await put('b.txt', 'B');
      await put('a.md', 'A');
      await put('C.TXT', 'C');
      await put('d.Md', 'D');
      await put('notes.docx', 'x');
      await put('readme', 'x');
      await mkdir(join(dir, 'sub'));
      await writeFile(join(dir, 'sub', 'inner.txt'), 'inner');
      await mkdir(join(dir, 'folder.txt'));

      const docs = await loadFolder(dir);
      expect(docs.map((d) => d.id)).toEqual(['C', 'a', 'b', 'd']);
      expect(docs.map((d) => d.text)).toEqual(['C', 'A', 'B', 'D']);
    });

    it('gives each file its name without extension as id, its first non-empty line as title and its path', async () => {
      await put('2024-05-01 speech.txt', '\n   \n  Minister speaks  \nbody\n');
      const [doc] = await loadFolder(dir);
      expect(doc).toMatchObject({
        id: '2024-05-01 speech',
        title: 'Minister speaks',
        source: join(dir, '2024-05-01 speech.txt'),
      });
      expect(doc?.error).toBeUndefined();
    });

    it('keeps the text exactly as in the file: CRLF and the BOM', async () => {
      const content = '\ufeffTitle\r\nLine two\r\n';
      await put('crlf.txt', content);
      const [doc] = await loadFolder(dir);
      expect(doc?.text).toBe(content);
      expect(doc?.text?.charCodeAt(0)).toBe(0xfeff);
      expect(doc?.text?.length).toBe(18);
      expect(doc?.title).toBe('Title');
    });

    it('gives the SHA-256 hex of the file bytes', async () => {
      const bytes = Buffer.from('Grüße 😀\r\n', 'utf8');
      await put('hash.txt', bytes);
      const [doc] = await loadFolder(dir);
      expect(doc?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(doc?.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it.each([
      { case: 'invalid UTF-8', content: Uint8Array.from([0xff, 0xfe, 0x41]), error: /UTF-8/ },
      { case: 'an empty file', content: '', error: /empty/ },
      { case: 'white space only', content: ' \r\n\t\n', error: /white space/ },
    ])('returns an error and no text for $case', async ({ content, error }) => {
      await put('bad.txt', content);
      const [doc] = await loadFolder(dir);
      expect(doc?.error).toMatch(error);
      expect(doc?.text).toBeUndefined();
      expect(doc).toMatchObject({ id: 'bad', title: 'bad.txt', sha256: '' });
    });

    it('loads hostile text verbatim: markup, bidi controls, NUL bytes, lone combining marks', async () => {
      const hostile =
        '<script>alert(1)</script> \u202Eevil\u202C \u2066isolate\u2069 nul\u0000byte \u0301 <img src=x onerror=alert(2)>';
      await put('hostile.txt', hostile);
      const [doc] = await loadFolder(dir);
      expect(doc?.text).toBe(hostile);
      expect(doc?.error).toBeUndefined();
    });

    it('loads a text of one 1 MB line', async () => {
      const line = 'word '.repeat(210_000);
      await put('one-line.txt', line);
      const [doc] = await loadFolder(dir);
      expect(doc?.text?.length).toBe(line.length);
    });

    it('refuses a text over 16 MB before reading it, naming its size', async () => {
      await put('huge.txt', Buffer.alloc(100 * 1024 * 1024, 0x61));
      await put('small.txt', 'fine');
      const docs = await loadFolder(dir);
      expect(docs.map((d) => [d.id, d.text ?? null])).toEqual([
        ['huge', null],
        ['small', 'fine'],
      ]);
      expect(docs[0]?.error).toBe('is 100.0 MB; Parley opens texts up to 16.0 MB, so split it into smaller files');
    });

    it('still loads the other files when one cannot be used', async () => {
      await put('a.txt', 'first');
      await put('b.txt', Uint8Array.from([0xff, 0xfe, 0x41]));
      await put('c.txt', 'third');
      const docs = await loadFolder(dir);
      expect(docs.map((d) => [d.id, d.text ?? null, d.error !== undefined])).toEqual([
        ['a', 'first', false],
        ['b', null, true],
        ['c', 'third', false],
      ]);
    });

    it('rejects when the folder itself cannot be listed', async () => {
      await expect(loadFolder(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });

  describe('loadFolder with symbolic links', () => {
    it('loads a link to a file in the same folder', async () => {
      await mkdir(join(dir, 'store'));
      await writeFile(join(dir, 'store', 'real.txt'), 'Linked article\nBody');
      await symlink(join(dir, 'store', 'real.txt'), join(dir, 'linked.txt'));
      const [doc] = await loadFolder(dir);
      expect(doc).toMatchObject({ id: 'linked', title: 'Linked article', text: 'Linked article\nBody' });
    });

    it('lists a link that leads out of the folder with the reason, and does not read it', async () => {
      const outside = await mkdtemp(join(tmpdir(), 'parley-outside-'));
      try {
        await writeFile(join(outside, 'secret.txt'), 'Not for Parley');
        await symlink(join(outside, 'secret.txt'), join(dir, 'escape.txt'));
        const [doc] = await loadFolder(dir);
        expect(doc).toMatchObject({ id: 'escape', sha256: '' });
        expect(doc?.text).toBeUndefined();
        expect(doc?.error).toMatch(/links to a file outside the folder/);
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    });

    it('lists a broken link with the reason', async () => {
      await symlink(join(dir, 'gone.txt'), join(dir, 'broken.txt'));
      const [doc] = await loadFolder(dir);
      expect(doc).toMatchObject({ id: 'broken' });
      expect(doc?.error).toMatch(/cannot be read/);
    });
  });

  describe('loadDocumentFile', () => {
    it('returns the read error instead of throwing when the file is missing', async () => {
      const doc = await loadDocumentFile(join(dir, 'gone.txt'));
      expect(doc).toMatchObject({ id: 'gone', error: 'cannot be read: ENOENT' });
      expect(doc.text).toBeUndefined();
    });

    it('does not change the file it reads', async () => {
      const bytes = Buffer.from('\ufeffa\r\nb', 'utf8');
      await put('same.txt', bytes);
      await loadDocumentFile(join(dir, 'same.txt'));
      expect(await readFile(join(dir, 'same.txt'))).toEqual(bytes);
    });
  });

  describe('titleOf', () => {
    it.each([
      { text: 'Headline\nbody', expected: 'Headline' },
      { text: '\r\n\r\n  Late headline \r\nbody', expected: 'Late headline' },
      { text: ' \n\t', expected: 'fallback.txt' },
      { text: `${'x'.repeat(250)}\n`, expected: `${'x'.repeat(199)}…` },
    ])('gives $expected for $text', ({ text, expected }) => {
      expect(titleOf(text, 'fallback.txt')).toBe(expected);
    });
  });
});
