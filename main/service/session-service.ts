/**
 * What an annotation session needs besides tagging: suggestions from the built-in recognisers
 * (open, accepted or rejected per annotator and document), publication dates, the label set as
 * data (add, change, delete with a choice for its spans), corpus search, and active time.
 */
import {
  type Annotation,
  type Label,
  type LabelDisposal,
  type SearchHit,
  type SessionStats,
  type Suggestion,
} from '../api/contract';
import { RESERVED_KEYS } from '../core/labels';
import { detectPublicationDate, suggest, type RecogniserId } from '../core/suggest/index';
import { ParleyError } from './errors';
import type { StoreData } from './store-data';

/** Labels a built-in recogniser suggests. */
export const RECOGNISED_LABELS: readonly RecogniserId[] = ['date', 'quote', 'precondition'];

/** What the session needs of the service. */
export interface SessionHost {
  data(): StoreData;
  markDirty(): void;
  readableDocIds(): string[];
  textOf(docId: string): string;
  annotationsOf(docId: string): Annotation[];
  /** Tags a span for the current annotator through the service (validated, undoable). */
  tag(input: {
    docId: string;
    start: number;
    end: number;
    label: string;
    attributes: Record<string, string>;
  }): Annotation;
  /** Copies the store aside before a change that touches many spans. */
  backup(): Promise<string>;
  /** Forgets every undo history (after the label set changed under it). */
  forgetHistories(): void;
}

export class SessionService {
  private readonly cache = new Map<string, { key: string; suggestions: Suggestion[] }>();
  private readonly detected = new Map<string, string | null>();

  constructor(private readonly host: SessionHost) {}

  /** The stored publication date, else the one the text states. */
  publishedAt(docId: string, text: string): string | undefined {
    const stored = this.host.data().documents[docId]?.publishedAt;
    if (stored !== undefined) return stored;
    if (!this.detected.has(docId)) this.detected.set(docId, detectPublicationDate(text));
    return this.detected.get(docId) ?? undefined;
  }

  getSuggestions(docId: string): Suggestion[] {
    const data = this.host.data();
    const me = data.settings.annotator;
    const own = new Set(
      this.host
        .annotationsOf(docId)
        .filter((a) => a.annotator === me)
        .map((a) => `${a.label}:${a.start}:${a.end}`),
    );
    const rejected = new Set(data.rejectedSuggestions[docId]?.[me] ?? []);
    return this.allSuggestions(docId).filter((s) => !own.has(s.id) && !rejected.has(s.id));
  }

  acceptSuggestion(docId: string, suggestionId: string, attributes?: Record<string, string>): Annotation {
    const suggestion = this.requireSuggestion(docId, suggestionId);
    return this.host.tag({
      docId,
      start: suggestion.start,
      end: suggestion.end,
      label: suggestion.label,
      // An attribute the recogniser could not fill is left out rather than stored empty.
      attributes: Object.fromEntries(
        Object.entries({ ...suggestion.attributes, ...attributes }).filter(([, value]) => value !== ''),
      ),
    });
  }

  rejectSuggestion(docId: string, suggestionId: string): void {
    this.requireSuggestion(docId, suggestionId);
    const data = this.host.data();
    const me = data.settings.annotator;
    const byAnnotator = data.rejectedSuggestions[docId] ?? {};
    const list = byAnnotator[me] ?? [];
    if (list.includes(suggestionId)) return;
    data.rejectedSuggestions[docId] = { ...byAnnotator, [me]: [...list, suggestionId] };
    this.host.markDirty();
  }

  setPublishedAt(docId: string, date: string | null): void {
    this.host.textOf(docId);
    const parsed = date === null ? null : new Date(`${date}T00:00:00Z`);
    if (
      date !== null &&
      (parsed === null || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    ) {
      throw new ParleyError('BAD_REQUEST', `${date} is not a calendar date`);
    }
    const data = this.host.data();
    const stored = data.documents[docId];
    if (!stored) throw new ParleyError('NOT_FOUND', `There is no document “${docId}” in the store`);
    const { publishedAt: _old, ...rest } = stored;
    data.documents[docId] = date === null ? rest : { ...rest, publishedAt: date };
    this.cache.delete(docId);
    this.host.markDirty();
  }

  addLabel(label: Label): Label[] {
    const data = this.host.data();
    if (data.labels.some((l) => l.id === label.id)) {
      throw new ParleyError('BAD_REQUEST', `There is already a label “${label.id}”`);
    }
    this.checkHotkey(label.hotkey, label.id);
    data.labels.push(structuredClone(label));
    this.host.markDirty();
    return this.labels();
  }

  updateLabel(id: string, changes: Partial<Omit<Label, 'id'>>): Label[] {
    const data = this.host.data();
    const index = data.labels.findIndex((l) => l.id === id);
    const label = data.labels[index];
    if (!label) throw new ParleyError('NOT_FOUND', `There is no label “${id}”`);
    if (changes.hotkey !== undefined) this.checkHotkey(changes.hotkey, id);
    data.labels[index] = { ...label, ...structuredClone(changes) };
    this.cache.clear();
    this.host.markDirty();
    return this.labels();
  }

  async deleteLabel(id: string, disposal: LabelDisposal): Promise<Label[]> {
    const data = this.host.data();
    if (!data.labels.some((l) => l.id === id)) throw new ParleyError('NOT_FOUND', `There is no label “${id}”`);
    if (disposal.action === 'relabel' && (disposal.to === id || !data.labels.some((l) => l.id === disposal.to))) {
      throw new ParleyError('BAD_REQUEST', `Choose another existing label to move the “${id}” spans to`);
    }
    const used = Object.values(data.annotations).filter((a) => a.label === id);
    if (used.length > 0) await this.host.backup();
    const taken = new Set(
      Object.values(data.annotations).map((a) => `${a.annotator}\u0000${a.docId}:${a.start}:${a.end}:${a.label}`),
    );
    for (const a of used) {
      delete data.annotations[a.id];
      if (disposal.action !== 'relabel') continue;
      const key = `${a.annotator}\u0000${a.docId}:${a.start}:${a.end}:${disposal.to}`;
      // The same range already tagged with the target label: the moved span would repeat it.
      if (taken.has(key)) continue;
      taken.add(key);
      data.annotations[a.id] = { ...a, label: disposal.to, updatedAt: new Date().toISOString() };
    }
    data.labels = data.labels.filter((l) => l.id !== id);
    if (data.settings.suggestLabels) data.settings.suggestLabels = data.settings.suggestLabels.filter((l) => l !== id);
    if (used.length > 0) this.host.forgetHistories();
    this.cache.clear();
    this.host.markDirty();
    return this.labels();
  }

  searchCorpus(query: string): SearchHit[] {
    const needle = query.trim().toLocaleLowerCase();
    if (needle === '') return [];
    const hits: SearchHit[] = [];
    for (const docId of this.host.readableDocIds()) {
      const text = this.host.textOf(docId).toLocaleLowerCase();
      let count = 0;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count += 1;
      if (count > 0) hits.push({ docId, count });
    }
    return hits.sort((a, b) => b.count - a.count);
  }

  recordActivity(docId: string, ms: number): void {
    this.host.textOf(docId);
    const data = this.host.data();
    const me = data.settings.annotator;
    const mine = data.activity[me] ?? {};
    data.activity[me] = { ...mine, [docId]: (mine[docId] ?? 0) + ms };
    this.host.markDirty();
  }

  getSessionStats(): SessionStats {
    const data = this.host.data();
    const me = data.settings.annotator;
    const activeMs = { ...(data.activity[me] ?? {}) };
    const mine: Record<string, number> = {};
    const corpus: Record<string, number> = {};
    let count = 0;
    for (const a of Object.values(data.annotations)) {
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

  /** Every suggestion for a document, computed once per text, date and label choice. */
  private allSuggestions(docId: string): Suggestion[] {
    const text = this.host.textOf(docId);
    const data = this.host.data();
    const known = new Set(data.labels.map((l) => l.id));
    const labels = (data.settings.suggestLabels ?? RECOGNISED_LABELS).filter((l) => known.has(l));
    const publishedAt = this.publishedAt(docId, text);
    const key = `${text.length}\u0000${labels.join(',')}\u0000${publishedAt ?? ''}`;
    const cached = this.cache.get(docId);
    if (cached?.key === key) return cached.suggestions;
    const suggestions = suggest(text, { labels, ...(publishedAt !== undefined && { publishedAt }) }).map((s) => ({
      id: `${s.label}:${s.start}:${s.end}`,
      docId,
      start: s.start,
      end: s.end,
      label: s.label,
      text: s.text,
      attributes: s.attributes,
    }));
    this.cache.set(docId, { key, suggestions });
    return suggestions;
  }

  private requireSuggestion(docId: string, suggestionId: string): Suggestion {
    const found = this.allSuggestions(docId).find((s) => s.id === suggestionId);
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
      .data()
      .labels.find((l) => l.id !== labelId && l.hotkey.toLowerCase() === hotkey.toLowerCase());
    if (other) throw new ParleyError('BAD_REQUEST', `“${hotkey}” is already the hotkey of ${other.name}`);
  }

  private labels(): Label[] {
    return structuredClone(this.host.data().labels);
  }
}
