/**
 * The suggest worker thread's entry: runs `suggest()` on each request it is sent and posts the
 * result, packed, or the error it threw, back. The main side (suggest-client.ts) sends one request
 * at a time; this file is bundled on its own (out/main/suggest-worker.js) and never imported.
 */
import { parentPort } from 'node:worker_threads';
import { suggest } from '../core/suggest/index';
import { packSuggestions, type PackedSuggestions } from './packed-suggestions';

/** What the main side asks for: the arguments of `suggest()`. */
export interface SuggestRequest {
  id: number;
  text: string;
  labels: readonly string[];
  publishedAt?: string;
}

/** The answer to request `id`: suggest's result, or the error it threw (cloned with its name). */
export type SuggestReply =
  { id: number; ok: true; suggestions: PackedSuggestions } | { id: number; ok: false; error: unknown };

const port = parentPort;
if (port === null) throw new TypeError('suggest-worker.ts runs as a worker thread, not as a script or module');

port.on('message', ({ id, text, labels, publishedAt }: SuggestRequest) => {
  let reply: SuggestReply;
  try {
    const found = suggest(text, { labels, ...(publishedAt !== undefined && { publishedAt }) });
    reply = { id, ok: true, suggestions: packSuggestions(found) };
  } catch (error) {
    reply = { id, ok: false, error };
  }
  port.postMessage(reply, reply.ok ? [reply.suggestions.spans.buffer] : []);
});
