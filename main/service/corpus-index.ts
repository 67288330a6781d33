/**
 * The corpus in memory: every loaded document by id, in load order, with its text when it could
 * be read. Loading a folder adds its files once (by path) under ids unique in the corpus; what
 * the store remembers of them is the service's to write.
 */
import { loadFolder, type LoadedDocument } from './corpus';
import { ParleyError } from './errors';

/** A document whose text could be read. */
export type ReadableDocument = LoadedDocument & { text: string };

export class CorpusIndex {
  private readonly docs = new Map<string, LoadedDocument>();
  private readonly sources = new Set<string>();
  private readable: string[] | null = null;

  /** Every document, in load order. */
  get documents(): ReadonlyMap<string, LoadedDocument> {
    return this.docs;
  }

  /** Ids of the documents whose text could be read, in load order. */
  readableIds(): readonly string[] {
    this.readable ??= [...this.docs.values()].filter((d) => d.text !== undefined).map((d) => d.id);
    return this.readable;
  }

  /** The document `docId`. Throws NOT_FOUND. */
  require(docId: string): LoadedDocument {
    const doc = this.docs.get(docId);
    if (!doc) throw new ParleyError('NOT_FOUND', `There is no document “${docId}” in the corpus`);
    return doc;
  }

  /** The document `docId` with its text. Throws NOT_FOUND, or BAD_REQUEST when its file could not be read. */
  requireText(docId: string): ReadableDocument {
    const doc = this.require(docId);
    if (doc.text === undefined) {
      throw new ParleyError('BAD_REQUEST', `The document “${docId}” cannot be opened: ${doc.error ?? 'no text'}`);
    }
    return doc as ReadableDocument;
  }

  /**
   * Loads a folder's files that are not in the corpus yet; returns them as added. Throws
   * IO_ERROR when the folder cannot be listed.
   */
  async addFolder(path: string): Promise<LoadedDocument[]> {
    let loaded: LoadedDocument[];
    try {
      loaded = await loadFolder(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ParleyError('IO_ERROR', `The folder ${path} cannot be opened (${code})`);
    }
    const added: LoadedDocument[] = [];
    for (const doc of loaded) {
      if (this.sources.has(doc.source)) continue;
      let id = doc.id;
      for (let n = 2; this.docs.has(id); n += 1) id = `${doc.id}~${n}`;
      const entry = { ...doc, id };
      this.docs.set(id, entry);
      this.sources.add(doc.source);
      added.push(entry);
    }
    if (added.length > 0) this.readable = null;
    return added;
  }

  /** Forgets every document (a restored store loads its own folders). */
  clear(): void {
    this.docs.clear();
    this.sources.clear();
    this.readable = null;
  }
}
