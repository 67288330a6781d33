/**
 * Loads a folder of articles: every `.txt`/`.md` file sorted by name, decoded as strict UTF-8,
 * with id, title and SHA-256. A file that cannot be used is returned with the reason, never
 * dropped, so the analyst sees it in the list.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';

/** A file of the corpus; `text` is absent when `error` says why it could not be loaded. */
export interface LoadedDocument {
  id: string;
  title: string;
  source: string;
  sha256: string;
  text?: string;
  error?: string;
}

const DOCUMENT_EXTENSIONS = new Set(['.txt', '.md']);
/**
 * Texts larger than this are refused before they are read: a news article is kilobytes, and
 * a 100 MB file would hold the whole app (and the store's context of every span) hostage.
 */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;
/** Strict: a byte sequence that is not UTF-8 throws. The BOM is kept so offsets match the file. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** First non-empty line, trimmed; the fallback when there is none. */
export function titleOf(text: string, fallback: string): string {
  for (const line of text.split(/\r\n|\n|\r/)) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
  }
  return fallback;
}

/** SHA-256 of a text's UTF-8 bytes, as hex. */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A file that could not be loaded, listed with the reason. */
function failedDocument(path: string, error: string): LoadedDocument {
  const source = resolve(path);
  const name = basename(source);
  return { id: basename(name, extname(name)), title: name, source, sha256: '', error };
}

/** Decodes one file. Never throws: problems become `error`. */
export async function loadDocumentFile(path: string): Promise<LoadedDocument> {
  const source = resolve(path);
  const name = basename(source);
  const id = basename(name, extname(name));
  const failed = (error: string): LoadedDocument => failedDocument(source, error);
  let bytes: Buffer;
  try {
    const { size } = await stat(source);
    if (size > MAX_TEXT_BYTES) {
      const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
      return failed(`is ${mb(size)}; Parley opens texts up to ${mb(MAX_TEXT_BYTES)}, so split it into smaller files`);
    }
    bytes = await readFile(source);
  } catch (error) {
    return failed(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (bytes.length === 0) return failed('the file is empty');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return failed('is not valid UTF-8 text; save it as UTF-8 and open the folder again');
  }
  if (text.trim() === '') return failed('the file holds only white space');
  return { id, title: titleOf(text, name), source, sha256: sha256Of(bytes), text };
}

/** Loads a symbolic link only when it leads to a file inside the folder. */
async function loadLink(folderReal: string, path: string): Promise<LoadedDocument> {
  let target: string;
  try {
    target = await realpath(path);
  } catch (error) {
    return failedDocument(path, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!target.startsWith(folderReal + sep)) {
    return failedDocument(path, 'links to a file outside the folder; Parley does not follow such links');
  }
  return loadDocumentFile(path);
}

/**
 * Loads every `.txt`/`.md` file of a folder (not its subfolders), sorted by file name. Links are
 * followed only to files inside the folder. Throws a Node error only when the folder itself
 * cannot be listed.
 */
export async function loadFolder(folder: string): Promise<LoadedDocument[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const folderReal = await realpath(folder);
  const documents = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && DOCUMENT_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return Promise.all(
    documents.map((e) =>
      e.isSymbolicLink() ? loadLink(folderReal, join(folder, e.name)) : loadDocumentFile(join(folder, e.name)),
    ),
  );
}
