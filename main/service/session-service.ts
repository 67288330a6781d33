/**
 * What an annotation session needs besides tagging: suggestions from the built-in recognisers
 * (open, accepted or rejected per annotator and document), publication dates, the label set as
 * data (add, change, delete with a choice for its spans), corpus search, and active time.
 */
import type { Label, LabelDisposal, NewAnnotation, SearchHit, SessionStats, Suggestion } from '../api/contract';
import { RESERVED_KEYS } from '../core/labels';
import type { Settings } from '../core/model';
import { detectPublicationDate, suggest, type RecogniserId } from '../core/suggest/index';
import { annotationChange, type Change } from '../core/transaction';
import { ParleyError } from './errors';
import type { ServiceHost } from './service-host';

/** Labels a built-in recogniser suggests. */
export const RECOGNISED_LABELS: readonly RecogniserId[] = ['date', 'quote', 'precondition'];

export class SessionService {
  private readonly cache = new Map<string, { key: string; suggestions: Suggestion[] }>();
  private readonly detected = new Map<string, string | null>();

  constructor(private readonly host: ServiceHost) {}

  private textOf(docId: string): string {
    return this.host.corpus.requireText(docId).text;
  }

  /** The stored publication date, else the one the text states. */
  publishedAt(docId: string, text: string): string | undefined {
    const stored = this.host.tables().documents[docId]?.publishedAt;
    if (stored !== undefined) return stored;
    if (!this.detected.has(docId)) this.detected.set(docId, detectPublicationDate(text));
    return this.detected.get(docId) ?? undefined;
  }

  getSuggestions(docId: string): Suggestion[] {
    const data = this.host.tables();
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

  /** What tagging an open suggestion makes, with the attributes as edited; the service tags it. */
  suggestionToAccept(docId: string, suggestionId: string, attributes?: Record<string, string>): NewAnnotation {
    const suggestion = this.requireSuggestion(docId, suggestionId);
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

  rejectSuggestion(docId: string, suggestionId: string): void {
    this.requireSuggestion(docId, suggestionId);
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
    this.cache.delete(docId);
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
    this.cache.clear();
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
    this.cache.clear();
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

  /** Every suggestion for a document, computed once per text, date and label choice. */
  private allSuggestions(docId: string): Suggestion[] {
    const text = this.textOf(docId);
    const data = this.host.tables();
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
      .tables()
      .labels.find((l) => l.id !== labelId && l.hotkey.toLowerCase() === hotkey.toLowerCase());
    if (other) throw new ParleyError('BAD_REQUEST', `“${hotkey}” is already the hotkey of ${other.name}`);
  }

  private labels(): Label[] {
    return structuredClone(this.host.tables().labels) as Label[];
  }
}
