import { describe, expect, it } from 'vitest';
import { listedDocuments, type DocumentQuery } from '../../../renderer/features/search/document-filter';
import { summaryOf } from './fixtures';

const DOCS = [
  summaryOf('c', { title: 'Talks in Riyadh', status: 'done', spanCount: 4 }),
  summaryOf('a', { title: 'talks 10', status: 'in-progress', spanCount: 9 }),
  summaryOf('b', { title: 'Talks 9', status: 'todo', spanCount: 0 }),
  summaryOf('broken', { title: 'broken.txt', error: 'not UTF-8' }),
  summaryOf('d', { title: 'Ceasefire', status: 'done', spanCount: 4 }),
];

const ids = (query: Partial<DocumentQuery>) =>
  listedDocuments(DOCS, { status: 'all', sort: 'order', hits: null, ...query }).map((l) => l.doc.id);

describe('document-filter', () => {
  it('lists every document in corpus order by default', () => {
    expect(ids({})).toEqual(['c', 'a', 'b', 'broken', 'd']);
  });

  it.each([
    { status: 'done', expected: ['c', 'd'] },
    { status: 'in-progress', expected: ['a'] },
    { status: 'todo', expected: ['b'] },
  ] as const)('shows only $status documents, never unreadable ones', ({ status, expected }) => {
    expect(ids({ status })).toEqual(expected);
  });

  it('sorts by title with numbers in numeric order and case ignored', () => {
    expect(ids({ sort: 'name' })).toEqual(['broken', 'd', 'b', 'a', 'c']);
  });

  it('sorts by span count, most first, ties in corpus order', () => {
    expect(ids({ sort: 'spans' })).toEqual(['a', 'c', 'd', 'b', 'broken']);
  });

  it('keeps only documents with search hits, most hits first, with their counts', () => {
    const hits = [
      { docId: 'd', count: 2 },
      { docId: 'a', count: 5 },
      { docId: 'c', count: 2 },
    ];
    const listed = listedDocuments(DOCS, { status: 'all', sort: 'order', hits });
    expect(listed.map((l) => [l.doc.id, l.hits])).toEqual([
      ['a', 5],
      ['c', 2],
      ['d', 2],
    ]);
  });

  it('combines a search with the status filter and the chosen order', () => {
    const hits = [
      { docId: 'd', count: 1 },
      { docId: 'a', count: 5 },
      { docId: 'c', count: 2 },
    ];
    expect(ids({ status: 'done', sort: 'name', hits })).toEqual(['d', 'c']);
  });

  it('lists nothing for a search without hits', () => {
    expect(ids({ hits: [] })).toEqual([]);
  });
});
