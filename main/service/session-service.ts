/**
 * What an annotation session needs besides tagging: suggestions from the built-in recognisers
 * (open, accepted or rejected per annotator and document; computed off the main thread by
 * suggest-client.ts), publication dates, the label set as data (add, change, delete with a choice
 * for its spans), corpus search, and active time.
 */
import type { Label, LabelDisposal, NewAnnotation, SearchHit, SessionStats, Suggestion } from '../api/contract';
import { RESERVED_KEYS } from '../core/labels';
import type { Settings } from '../core/model';
import { detectPublicationDate, type CoreSuggestion, type RecogniserId } from '../core/suggest/index';
import { annotationChange, type Change } from '../core/transaction';
import { ParleyError } from './errors';
import { unpackSuggestions } from './packed-suggestions';
import type { ServiceHost } from './service-host';
import { SuggestClient, type SuggestJob } from './suggest-client';

/** Labels a built-in recogniser suggests. */
export const RECOGNISED_LABELS: readonly RecogniserId[] = ['date', 'quote', 'precondition'];

/** A document's suggestions for one text, label choice and date: being computed, or done. */
interface CacheEntry {
  readonly job: SuggestJob;
  /** Aborts the computation if the worker has not taken it up yet. */
  readonly controller: AbortController;
  readonly suggestions: Promise<Suggestion[]>;
  /** The suggestions, once computed. */
  done?: Suggestion[];
}

export class SessionService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly detected = new Map<string, { text: string; date: string | null }>();
  private readonly client = new SuggestClient();

  constructor(private readonly host: ServiceHost) {}

  private textOf(docId: string): string {
    return this.host.corpus.requireText(docId).text;
  }

  /**
   * Starts the suggestion worker ahead of the first request: loading the recognisers in it takes
   * about half a second. Call once the store is open, when suggestions are on.
   */
  warmUp(): void {
    this.client.warmUp();
  }

  /** Ends the suggestion worker; suggestions still being computed reject. Call when the service closes. */
  async close(): Promise<void> {
    await this.client.close();
  }

  /** The stored publication date, else the one the text states. */
  publishedAt(docId: string, text: string): string | undefined {
    const stored = this.host.tables().documents[docId]?.publishedAt;
    if (stored !== undefined) return stored;
    let detected = this.detected.get(docId);
    if (detected?.text !== text) {
      detected = { text, date: detectPublicationDate(text) };
      this.detected.set(docId, detected);
    }
    return detected.date ?? undefined;
  }

  /**
   * The open suggestions for the current annotator: neither tagged nor rejected. Computed by the
   * worker the first time (the main thread stays free) and kept for the text, labels and date;
   * when one of those changes while they are computed, they are computed again for the new ones.
   */
  async getSuggestions(docId: string): Promise<Suggestion[]> {
    const all = await this.allSuggestions(docId);
    const data = this.host.tables();
    const me = data.settings.annotator;
    const own = new Set(
      this.host
        .annotationsOf(docId)
        .filter((a) => a.annotator === me)
        .map((a) => `${a.label}:${a.start}:${a.end}`),
    );
    const rejected = new Set(data.rejectedSuggestions[docId]?.[me] ?? []);
    return all.filter((s) => !own.has(s.id) && !rejected.has(s.id));
  }

  /** What tagging an open suggestion makes, with the attributes as edited; the service tags it. */
  async suggestionToAccept(
    docId: string,
    suggestionId: string,
    attributes?: Record<string, string>,
  ): Promise<NewAnnotation> {
    const suggestion = await this.requireSuggestion(docId, suggestionId);
    return {
      docId,
      start: suggestion.start,
      end: suggestion.end,
      label: suggestion.label,
      // An attribute the recogniser could not fill is left out rather than stored empty.
      attributes: Object.fromEntries(
        Object.entries({ ...suggestion.attributes, ...attributes }).filter(([, value]) => value !== ''),
      ),
    };
  }

  async rejectSuggestion(docId: string, suggestionId: string): Promise<void> {
    await this.requireSuggestion(docId, suggestionId);
    const me = this.host.annotator();
    const before = this.host.tables().rejectedSuggestions[docId]?.[me] ?? null;
    if (before?.includes(suggestionId)) return;
    const after = [...(before ?? []), suggestionId];
    this.host.commit({ changes: [{ type: 'rejectedSuggestions', docId, annotator: me, before, after }] });
  }

  setPublishedAt(docId: string, date: string | null): void {
    this.textOf(docId);
    const parsed = date === null ? null : new Date(`${date}T00:00:00Z`);
    if (
      date !== null &&
      (parsed === null || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    ) {
      throw new ParleyError('BAD_REQUEST', `${date} is not a calendar date`);
    }
    const stored = this.host.tables().documents[docId];
    if (!stored) throw new ParleyError('NOT_FOUND', `There is no document “${docId}” in the store`);
    const { publishedAt: _old, ...rest } = stored;
    const after = date === null ? rest : { ...rest, publishedAt: date };
    this.host.commit({ changes: [{ type: 'document', docId, before: stored, after }] });
  }

  addLabel(label: Label): Label[] {
    const labels = this.host.tables().labels;
    if (labels.some((l) => l.id === label.id)) {
      throw new ParleyError('BAD_REQUEST', `There is already a label “${label.id}”`);
    }
    this.checkHotkey(label.hotkey, label.id);
    this.host.commit({ changes: [{ type: 'labels', before: labels, after: [...labels, structuredClone(label)] }] });
    return this.labels();
  }

  updateLabel(id: string, changes: Partial<Omit<Label, 'id'>>): Label[] {
    const labels = this.host.tables().labels;
    const label = labels.find((l) => l.id === id);
    if (!label) throw new ParleyError('NOT_FOUND', `There is no label “${id}”`);
    if (changes.hotkey !== undefined) this.checkHotkey(changes.hotkey, id);
    const updated = { ...(structuredClone(label) as Label), ...structuredClone(changes) };
    this.host.commit({
      changes: [{ type: 'labels', before: labels, after: labels.map((l) => (l.id === id ? updated : l)) }],
    });
    return this.labels();
  }

  /**
   * Deletes a label and deletes or relabels its spans, as one transaction after a backup. Undo
   * histories are forgotten: their changes may name the label.
   */
  async deleteLabel(id: string, disposal: LabelDisposal): Promise<Label[]> {
    const { labels } = this.host.tables();
    if (!labels.some((l) => l.id === id)) throw new ParleyError('NOT_FOUND', `There is no label “${id}”`);
    if (disposal.action === 'relabel' && (disposal.to === id || !labels.some((l) => l.id === disposal.to))) {
      throw new ParleyError('BAD_REQUEST', `Choose another existing label to move the “${id}” spans to`);
    }
    const all = [...this.host.allAnnotations()];
    const used = all.filter((a) => a.label === id);
    if (used.length > 0) await this.host.backup();
    const taken = new Set(all.map((a) => `${a.annotator}\u0000${a.docId}:${a.start}:${a.end}:${a.label}`));
    const now = new Date().toISOString();
    const changes: Change[] = [];
    for (const a of used) {
      const key = `${a.annotator}\u0000${a.docId}:${a.start}:${a.end}:${disposal.action === 'relabel' ? disposal.to : ''}`;
      // Deleted, or the same range already tagged with the target label: the moved span would repeat it.
      if (disposal.action !== 'relabel' || taken.has(key)) {
        changes.push(annotationChange(a, null));
        continue;
      }
      taken.add(key);
      changes.push(annotationChange(a, { ...a, label: disposal.to, updatedAt: now }));
    }
    // Read the tables after the backup: it awaited, and they may have changed meanwhile.
    const { labels: current, settings } = this.host.tables();
    changes.push({ type: 'labels', before: current, after: current.filter((l) => l.id !== id) });
    if (settings.suggestLabels) {
      const after: Settings = {
        ...(settings as Settings),
        suggestLabels: settings.suggestLabels.filter((l) => l !== id),
      };
      changes.push({ type: 'settings', before: settings, after });
    }
    this.host.commit({ changes });
    if (used.length > 0) this.host.forgetHistories(() => true);
    return this.labels();
  }

  searchCorpus(query: string): SearchHit[] {
    const needle = query.trim().toLocaleLowerCase();
    if (needle === '') return [];
    const hits: SearchHit[] = [];
    for (const docId of this.host.corpus.readableIds()) {
      const text = this.textOf(docId).toLocaleLowerCase();
      let count = 0;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count += 1;
      if (count > 0) hits.push({ docId, count });
    }
    return hits.sort((a, b) => b.count - a.count);
  }

  recordActivity(docId: string, ms: number): void {
    this.textOf(docId);
    const me = this.host.annotator();
    const before = this.host.tables().activity[me]?.[docId] ?? null;
    this.host.commit({ changes: [{ type: 'activity', annotator: me, docId, before, after: (before ?? 0) + ms }] });
  }

  getSessionStats(): SessionStats {
    const data = this.host.tables();
    const me = data.settings.annotator;
    const activeMs = { ...(data.activity[me] ?? {}) };
    const mine: Record<string, number> = {};
    const corpus: Record<string, number> = {};
    let count = 0;
    for (const a of this.host.allAnnotations()) {
      corpus[a.label] = (corpus[a.label] ?? 0) + 1;
      if (a.annotator !== me) continue;
      mine[a.label] = (mine[a.label] ?? 0) + 1;
      if (activeMs[a.docId] !== undefined) count += 1;
    }
    const total = Object.values(activeMs).reduce((sum, ms) => sum + ms, 0);
    return {
      activeMs,
      spansPerHour: total >= 60_000 ? (count * 3_600_000) / total : null,
      labelCounts: { mine, corpus },
    };
  }

  /** What `suggest()` is asked for the document now: its text, the labels switched on, its date. */
  private jobOf(docId: string): SuggestJob {
    const text = this.textOf(docId);
    const data = this.host.tables();
    const known = new Set(data.labels.map((l) => l.id));
    const labels = (data.settings.suggestLabels ?? RECOGNISED_LABELS).filter((l) => known.has(l));
    const publishedAt = this.publishedAt(docId, text);
    return { text, labels, ...(publishedAt !== undefined && { publishedAt }) };
  }

  /** The cache entry for the document as it is now; a new computation when it has none. */
  private entryOf(docId: string): CacheEntry {
    const job = this.jobOf(docId);
    const cached = this.cache.get(docId);
    if (cached && isSameJob(cached.job, job)) return cached;
    cached?.controller.abort();
    const controller = new AbortController();
    const entry: CacheEntry = {
      job,
      controller,
      suggestions: this.client
        .run(job, controller.signal)
        .then((packed) => unpackSuggestions(packed, job.text, (found) => toSuggestion(docId, found))),
    };
    void entry.suggestions.then(
      (suggestions) => {
        entry.done = suggestions;
      },
      () => {
        // The caller that waits sees the error; the next request computes again.
        if (this.cache.get(docId) === entry) this.cache.delete(docId);
      },
    );
    this.cache.set(docId, entry);
    return entry;
  }

  /** Every suggestion for a document, for its text, labels and date as they are when it resolves. */
  private async allSuggestions(docId: string): Promise<Suggestion[]> {
    for (;;) {
      const entry = this.entryOf(docId);
      try {
        const suggestions = await entry.suggestions;
        if (isSameJob(entry.job, this.jobOf(docId))) return suggestions;
      } catch (error) {
        // Aborted, or failed for a text, labels or date that are no longer the document's: ask again.
        if (!entry.controller.signal.aborted && isSameJob(entry.job, this.jobOf(docId))) throw error;
      }
    }
  }

  private async requireSuggestion(docId: string, suggestionId: string): Promise<Suggestion> {
    const found = (await this.allSuggestions(docId)).find((s) => s.id === suggestionId);
    if (!found) {
      throw new ParleyError(
        'NOT_FOUND',
        `There is no suggestion ${suggestionId} in “${docId}”; the text may have changed`,
      );
    }
    return found;
  }

  private checkHotkey(hotkey: string, labelId: string): void {
    if (hotkey === '') return;
    if (RESERVED_KEYS.includes(hotkey.toLowerCase())) {
      throw new ParleyError('BAD_REQUEST', `“${hotkey}” is one of Parley's own keys; choose another hotkey`);
    }
    const other = this.host
      .tables()
      .labels.find((l) => l.id !== labelId && l.hotkey.toLowerCase() === hotkey.toLowerCase());
    if (other) throw new ParleyError('BAD_REQUEST', `“${hotkey}” is already the hotkey of ${other.name}`);
  }

  private labels(): Label[] {
    return structuredClone(this.host.tables().labels) as Label[];
  }
}

/** Whether two jobs ask for the same suggestions. Texts compare by reference first, so this is cheap. */
function isSameJob(a: SuggestJob, b: SuggestJob): boolean {
  return (
    a.text === b.text &&
    a.publishedAt === b.publishedAt &&
    a.labels.length === b.labels.length &&
    a.labels.every((label, i) => label === b.labels[i])
  );
}

/** The service's suggestion: core's, with an id made of label and span, and the document's id. */
function toSuggestion(docId: string, s: CoreSuggestion): Suggestion {
  return {
    id: `${s.label}:${s.start}:${s.end}`,
    docId,
    start: s.start,
    end: s.end,
    label: s.label,
    text: s.text,
    attributes: s.attributes,
  };
}
