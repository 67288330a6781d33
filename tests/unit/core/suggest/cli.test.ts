import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli as run } from '../../main/run-cli';
import { GOLD_PATH, loadGold } from './quality';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const SEEDS = join(import.meta.dirname, '../../../../seeds');

interface Entry {
  doc_id: string;
  error?: string;
  spans?: { start: number; end: number; label: string; text: string; attributes: Record<string, string> }[];
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-suggest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cli suggest', () => {
  it('is listed in --help with its options', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const word of ['suggest', '--pubdate', 'DOC_ID=YYYY-MM-DD', 'quote, precondition, date'])
      expect(out).toContain(word);
  });

  it('prints the gold spans of the seeds as JSON, in code points, when given their publication dates', async () => {
    const gold = loadGold(GOLD_PATH);
    const pubdates = gold.flatMap((d) => ['--pubdate', `${d.docId}=${d.publishedAt}`]);
    const { code, out, err } = await run('suggest', '--in', SEEDS, '--json', ...pubdates);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const entries = JSON.parse(out) as Entry[];
    expect(entries.map((e) => e.doc_id)).toEqual(gold.map((d) => d.docId));
    const lines = readFileSync(GOLD_PATH, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { spans: { start: number; end: number; label: string }[] });
    entries.forEach((entry, i) => {
      const key = (s: { start: number; end: number; label: string }) => `${s.label}:${s.start}:${s.end}`;
      expect(new Set(entry.spans?.map(key))).toEqual(new Set(lines[i]?.spans.map(key)));
    });
  });

  it('counts offsets in code points after an emoji and keeps CRLF as two', async () => {
    const text = 'Talks in Riyadh 😀\r\n\r\n“We are ready,” Zelensky said on March 4, 2025.\r\n';
    await writeFile(join(dir, 'a.txt'), text);
    const { code, out } = await run('suggest', '--in', dir, '--json');
    expect(code).toBe(0);
    const [entry] = JSON.parse(out) as Entry[];
    const codePoints = [...text];
    expect(entry?.spans?.map((s) => s.label)).toEqual(['quote', 'date']);
    for (const s of entry?.spans ?? []) expect(codePoints.slice(s.start, s.end).join('')).toBe(s.text);
    expect(entry?.spans?.[0]).toMatchObject({
      start: 22,
      end: 34,
      text: 'We are ready',
      attributes: { speaker: 'Zelensky' },
    });
  });

  it('reports unreadable, non-UTF-8 and empty files as entries with an error and goes on', async () => {
    const { code, out } = await run('suggest', '--in', join(FIXTURES, 'broken'), '--json');
    expect(code).toBe(0);
    const entries = JSON.parse(out) as Entry[];
    expect(entries.map((e) => e.doc_id)).toEqual(['a-good', 'b-latin1', 'c-empty']);
    expect(entries[0]?.spans).toBeDefined();
    expect(entries[1]?.error).toMatch(/UTF-8/u);
    expect(entries[2]?.error).toMatch(/empty/u);
    expect(entries[1]?.spans).toBeUndefined();
  });

  it('suggests only the labels asked for', async () => {
    const { code, out } = await run('suggest', '--in', SEEDS, '--json', '--labels', 'date');
    expect(code).toBe(0);
    const labels = new Set((JSON.parse(out) as Entry[]).flatMap((e) => e.spans?.map((s) => s.label) ?? []));
    expect(labels).toEqual(new Set(['date']));
  });

  it('prints a short list for people without --json', async () => {
    await writeFile(join(dir, 'a.txt'), '“We will talk only if Kyiv withdraws,” Peskov said on March 4, 2025.');
    const { code, out } = await run('suggest', '--in', dir);
    expect(code).toBe(0);
    expect(out).toContain('a: 3 suggestion(s)');
    expect(out).toMatch(/quote +1-36 +“We will talk only if Kyiv withdraws” speaker=Peskov/u);
    expect(out).toMatch(/date .*value=2025-03-04/u);
  });

  it.each([
    { argv: ['suggest'], message: '--in is required' },
    { argv: ['suggest', '--in', SEEDS, '--labels', 'date,person'], message: 'no recogniser suggests person' },
    { argv: ['suggest', '--in', SEEDS, '--pubdate', '000_fe2b5cb27bd72a2a'], message: 'must be DOC_ID=YYYY-MM-DD' },
    { argv: ['suggest', '--in', SEEDS, '--pubdate', 'nope=2025-03-05'], message: '--pubdate names nope' },
    {
      argv: ['suggest', '--in', SEEDS, '--pubdate', '000_fe2b5cb27bd72a2a=2025-02-30'],
      message: '"2025-02-30" is not a YYYY-MM-DD calendar date',
    },
    { argv: ['suggest', '--in', join(FIXTURES, 'no-such-folder')], message: 'cannot read the folder' },
  ])('fails with exit code 1 and says why: $message', async ({ argv, message }) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(message);
  });
});
