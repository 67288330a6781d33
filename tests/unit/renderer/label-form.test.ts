import { describe, expect, it } from 'vitest';
import type { AnnotatorStats, Label } from '@api/contract';
import {
  attributesOf,
  draftsOf,
  labelIdFrom,
  nextColour,
  parseChoices,
  spansPerLabel,
  suggestingLabels,
  toggleSuggesting,
} from '../../../renderer/features/labels/label-form';

describe('label-form', () => {
  it.each([
    { name: 'Legal claim', taken: [], id: 'legal-claim' },
    { name: '  Quote ', taken: ['quote'], id: 'quote-2' },
    { name: 'Quote', taken: ['quote', 'quote-2'], id: 'quote-3' },
    { name: 'Präzedenz/Fall', taken: [], id: 'präzedenz-fall' },
    { name: '!!!', taken: [], id: 'label' },
    { name: 'snake_case-ok', taken: [], id: 'snake_case-ok' },
  ])('derives “$id” from “$name”', ({ name, taken, id }) => {
    expect(labelIdFrom(name, taken)).toBe(id);
  });

  it('keeps ids to at most 64 characters', () => {
    expect(labelIdFrom('x'.repeat(200), ['x'.repeat(60)]).length).toBeLessThanOrEqual(64);
  });

  it('reads choices separated by commas, without blanks or repeats', () => {
    expect(parseChoices(' weak, strong,, weak ,')).toEqual(['weak', 'strong']);
  });

  it('turns drafts into attribute definitions and back', () => {
    const defs = [
      { name: 'speaker', kind: 'text' as const },
      { name: 'strength', kind: 'choice' as const, choices: ['weak', 'strong'] },
    ];
    expect(attributesOf(draftsOf(defs))).toEqual({ attributes: defs });
  });

  it.each([
    { drafts: [{ name: ' ', kind: 'text', choices: '' }], error: 'Attribute 1 needs a name' },
    {
      drafts: [
        { name: 'a', kind: 'text', choices: '' },
        { name: 'a ', kind: 'date', choices: '' },
      ],
      error: 'There are two attributes named “a”',
    },
    {
      drafts: [{ name: 'level', kind: 'choice', choices: ' , ' }],
      error: 'Give “level” its choices, separated by commas',
    },
  ] as const)('refuses drafts: $error', ({ drafts, error }) => {
    expect(attributesOf(drafts)).toEqual({ error });
  });

  it('drops the choices of an attribute that is not a choice', () => {
    expect(attributesOf([{ name: 'when', kind: 'date', choices: 'a, b' }])).toEqual({
      attributes: [{ name: 'when', kind: 'date' }],
    });
  });

  it('picks a colour no label uses', () => {
    const labels: Label[] = [{ id: 'a', name: 'a', color: '#7048E8', hotkey: '' }];
    expect(nextColour(labels)).toBe('#0c8599');
  });

  it('reads an absent suggestion setting as every recognised label, and toggles one', () => {
    expect(suggestingLabels(undefined)).toEqual(['date', 'quote', 'precondition']);
    expect(toggleSuggesting(undefined, 'quote', false)).toEqual(['date', 'precondition']);
    expect(toggleSuggesting(['date'], 'quote', true)).toEqual(['date', 'quote']);
    expect(toggleSuggesting(['date'], 'date', true)).toEqual(['date']);
  });

  it('sums spans per label over every annotator', () => {
    const stat = (name: string, perLabel: Record<string, number>): AnnotatorStats => ({
      name,
      isCurrent: false,
      isGold: false,
      total: 0,
      perLabel,
      perDocument: {},
      documents: 0,
    });
    expect(spansPerLabel([stat('ada', { quote: 2, date: 1 }), stat('gold', { date: 3 })])).toEqual({
      quote: 2,
      date: 4,
    });
  });
});
