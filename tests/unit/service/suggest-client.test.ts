import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { suggest } from '../../../main/core/suggest/index';
import { unpackSuggestions } from '../../../main/service/packed-suggestions';
import { SuggestClient, type SuggestJob } from '../../../main/service/suggest-client';

const ARTICLE =
  'Kremlin spokesman Dmitry Peskov spoke on Monday.\n“We will negotiate only if Kyiv abandons its NATO bid,” Peskov said on March 4, 2025.';
// Starting a worker from the TypeScript sources loads tsx in it first: slow on a busy machine.
const SLOW = { timeout: 60_000 };

const clients: SuggestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

function newClient(): SuggestClient {
  const client = new SuggestClient();
  clients.push(client);
  return client;
}

async function suggestIn(client: SuggestClient, job: SuggestJob, signal?: AbortSignal): Promise<unknown[]> {
  return unpackSuggestions(await client.run(job, signal), job.text, (s) => s);
}

describe('SuggestClient', () => {
  it('lets a script that got its answer exit without closing it', SLOW, async () => {
    const client = JSON.stringify(join(import.meta.dirname, '../../../main/service/suggest-client.ts'));
    const script = `import { SuggestClient } from ${client};
      const packed = await new SuggestClient().run({ text: 'Talks resume on Monday.', labels: ['date'] });
      console.log(packed.spans.length);`;
    const args = ['--import', 'tsx', '--input-type=module', '--eval', script];
    // A worker that kept the process alive would run into the timeout.
    const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 50_000 });
    expect(stdout.trim()).toBe('4');
  });

  it('answers each request with what suggest() returns, in the order asked', SLOW, async () => {
    const client = newClient();
    const jobs: SuggestJob[] = [
      { text: ARTICLE, labels: ['date', 'quote', 'precondition'], publishedAt: '2025-03-06' },
      { text: ARTICLE, labels: ['date'] },
      { text: '', labels: ['quote'] },
    ];
    const answers = await Promise.all(jobs.map((job) => suggestIn(client, job)));
    expect(answers).toEqual(jobs.map((job) => suggest(job.text, job)));
    expect(answers[0]).toHaveLength(4);
  });

  it('passes on the RangeError suggest() throws, and goes on answering', SLOW, async () => {
    const client = newClient();
    const bad = client.run({ text: ARTICLE, labels: ['date'], publishedAt: '2025-02-30' });
    await expect(bad).rejects.toThrow(RangeError);
    await expect(bad).rejects.toThrow(/2025-02-30/u);
    expect(await suggestIn(client, { text: ARTICLE, labels: ['quote'] })).toHaveLength(1);
  });

  it('skips a request aborted before the worker takes it up, rejecting with the reason', SLOW, async () => {
    const client = newClient();
    const first = suggestIn(client, { text: ARTICLE, labels: ['quote'] });
    const controller = new AbortController();
    const second = client.run({ text: ARTICLE, labels: ['date'] }, controller.signal);
    controller.abort(new Error('the date changed'));
    await expect(second).rejects.toThrow('the date changed');
    expect(await first).toHaveLength(1);
    await expect(client.run({ text: ARTICLE, labels: [] }, controller.signal)).rejects.toThrow('the date changed');
  });

  it('warms up once, ahead of the first request, which it answers as usual', SLOW, async () => {
    const client = newClient();
    const run = vi.spyOn(client, 'run');
    client.warmUp();
    client.warmUp();
    expect(run).toHaveBeenCalledTimes(1);
    const job: SuggestJob = { text: ARTICLE, labels: ['quote'] };
    expect(await suggestIn(client, job)).toEqual(suggest(ARTICLE, job));
  });

  it('rejects what is still waiting when it closes, and starts a new worker when asked again', SLOW, async () => {
    const client = newClient();
    const waiting = client.run({ text: ARTICLE, labels: ['quote'] });
    const rejected = Promise.all([
      expect(waiting).rejects.toThrow(/closing/u),
      expect(waiting).rejects.toHaveProperty('code', 'INTERNAL'),
    ]);
    await client.close();
    await rejected;
    expect(await suggestIn(client, { text: ARTICLE, labels: ['quote'] })).toHaveLength(1);
  });
});
