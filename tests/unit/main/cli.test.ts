import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStore } from '../../fixtures/store-files';
import { runCli as run } from './run-cli';

let dir: string;
const GOLDEN = join(import.meta.dirname, '../../fixtures/formats/spans/seed-004.jsonl');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cli', () => {
  it('lists every command and option with --help', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const word of [
      'export',
      'import',
      '--store',
      '--format',
      '--split',
      '--seed',
      '--skip-invalid',
      '--add-labels',
      'brat',
      'agreement',
      '--annotators',
      '--json',
      'parley',
    ]) {
      expect(out).toContain(word);
    }
  });

  it('imports a file and exports the same spans again', async () => {
    const store = join(dir, 'store.json');
    const imported = await run('import', '--store', store, '--format', 'spans', '--in', GOLDEN, '--annotator', 'ada');
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/Imported 8 span\(s\) in 1 document\(s\)/);
    const out = join(dir, 'out.jsonl');
    const exported = await run('export', '--store', store, '--format', 'spans', '--out', out, '--annotator', 'ada');
    expect(exported.code).toBe(0);
    const spans = (text: string) => (JSON.parse(text.trim()) as { spans: unknown[] }).spans;
    expect(spans(await readFile(out, 'utf8'))).toEqual(spans(await readFile(GOLDEN, 'utf8')));
  });

  it('exports CoNLL without a comment line, and with one only for --header', async () => {
    const store = join(dir, 'store.json');
    await run('import', '--store', store, '--format', 'spans', '--in', GOLDEN, '--annotator', 'ada');
    const plain = join(dir, 'plain.conll');
    const headed = join(dir, 'headed.conll');
    expect(
      (await run('export', '--store', store, '--format', 'conll', '--out', plain, '--annotator', 'ada')).code,
    ).toBe(0);
    expect(
      (await run('export', '--store', store, '--format', 'conll', '--out', headed, '--annotator', 'ada', '--header'))
        .code,
    ).toBe(0);
    const plainText = await readFile(plain, 'utf8');
    expect(plainText.split('\n')[0]).toBe('-DOCSTART- 004_0a172a30c89c87c3');
    expect(await readFile(headed, 'utf8')).toBe(`# columns: token quote precondition date\n${plainText}`);
  });

  it('refuses a broken file with its line on stderr, exit 1, and an unchanged store', async () => {
    const store = join(dir, 'store.json');
    await run('import', '--store', store, '--format', 'spans', '--in', GOLDEN, '--annotator', 'ada');
    // Compared as data: each run opens the store anew and may fold its journal into the snapshot.
    const before = await readStore(store);
    const backups = async () => (await readdir(dir)).filter((n) => n.includes('.backup-'));
    const backupsBefore = await backups();
    const bad = join(dir, 'bad.jsonl');
    await writeFile(
      bad,
      '{"text": "x", "meta": {"doc_id": "d"}, "spans": [{"start": 0, "end": 5, "label": "quote"}]}\n{oops\n',
    );
    const { code, err } = await run('import', '--store', store, '--format', 'spans', '--in', bad, '--annotator', 'ada');
    expect(code).toBe(1);
    expect(err).toMatch(/bad\.jsonl:1 \(d\): end 5 is past the end/);
    expect(err).toMatch(/bad\.jsonl:2: not valid JSON/);
    expect(err).toMatch(/--skip-invalid/);
    expect(await readStore(store)).toEqual(before);
    expect(await backups()).toEqual(backupsBefore);
  });

  it.each([
    { case: 'no command', argv: [], message: /Usage/ },
    { case: 'an unknown command', argv: ['frobnicate', '--store', 's'], message: /unknown command frobnicate/ },
    { case: 'an unknown option', argv: ['export', '--colour', 'red'], message: /colour/ },
    { case: 'a missing --format', argv: ['export', '--store', 's', '--out', 'o'], message: /--format is required/ },
    { case: 'an unknown format', argv: ['export', '--store', 's', '--format', 'xml', '--out', 'o'], message: /format/ },
    {
      case: 'import without --annotator',
      argv: ['import', '--store', 's', '--format', 'spans', '--in', 'x'],
      message: /--annotator is required/,
    },
    {
      case: 'a bad split',
      argv: ['export', '--store', 's', '--format', 'spans', '--out', 'o', '--split', '0.8,0.2'],
      message: /three ratios/,
    },
  ])('exits 1 with a message on stderr for $case', async ({ argv, message }) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(1);
    expect(err).toMatch(message);
  });
});

describe('cli with every format', () => {
  it.each(['spans', 'doccano', 'conll', 'brat', 'labelstudio', 'webanno', 'csv'])(
    '%s: export from one store and import into another',
    async (format) => {
      const source = join(dir, 'source.json');
      await run('import', '--store', source, '--format', 'spans', '--in', GOLDEN, '--annotator', 'ada');
      const out = join(dir, format === 'brat' ? 'out-brat' : `out.${format}`);
      const exported = await run('export', '--store', source, '--format', format, '--out', out, '--annotator', 'ada');
      expect(exported).toMatchObject({ code: 0, err: '' });
      const imported = await run(
        'import',
        '--store',
        join(dir, 'target.json'),
        '--format',
        format,
        '--in',
        out,
        '--annotator',
        'bob',
      );
      expect(imported.err).toBe('');
      expect(imported).toMatchObject({ code: 0 });
      expect(imported.out).toMatch(/Imported 8 span\(s\) in 1 document\(s\)/);
    },
  );

  it('prints every agreement figure as JSON for the chosen annotators, and a table without --json', async () => {
    const store = join(dir, 'store.json');
    for (const who of ['ben', 'cy']) {
      const imported = await run('import', '--store', store, '--format', 'spans', '--in', GOLDEN, '--annotator', who);
      expect(imported.code).toBe(0);
    }
    const json = await run('agreement', '--store', store, '--annotators', 'ben,cy', '--labels', 'quote,date', '--json');
    expect(json).toMatchObject({ code: 0, err: '' });
    const report = JSON.parse(json.out) as {
      annotators: string[];
      labels: string[];
      documents: number;
      pairwise: { a: string; b: string; spanExact: { micro: { f1: number } }; cohenKappa: { all: number } }[];
      group: { krippendorffAlpha: { all: number }; unitizedAlpha: { perLabel: Record<string, number> } };
    };
    expect(report).toMatchObject({ annotators: ['ben', 'cy'], labels: ['quote', 'date'], documents: 5 });
    // Identical sets agree perfectly.
    expect(report.pairwise).toMatchObject([
      { a: 'ben', b: 'cy', spanExact: { micro: { f1: 1 } }, cohenKappa: { all: 1 } },
    ]);
    expect(report.group.krippendorffAlpha.all).toBe(1);
    expect(report.group.unitizedAlpha.perLabel.quote).toBe(1);
    const table = await run('agreement', '--store', store, '--annotators', 'ben,cy');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Cohen's kappa ben\/cy\s+1\.000/);
    const unknown = await run('agreement', '--store', store, '--annotators', 'ben,zed', '--json');
    expect(unknown).toMatchObject({ code: 1, err: 'parley: No annotator “zed” in the store\n' });
  });

  it('imports another Parley store without --annotator', async () => {
    const theirs = join(dir, 'theirs.json');
    expect(
      (await run('import', '--store', theirs, '--format', 'spans', '--in', GOLDEN, '--annotator', 'ben')).code,
    ).toBe(0);
    const mine = join(dir, 'mine.json');
    const imported = await run('import', '--store', mine, '--format', 'parley', '--in', theirs);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/Imported 8 span\(s\) in 1 document\(s\)/);
  });
});
