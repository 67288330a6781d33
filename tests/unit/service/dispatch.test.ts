import { describe, expect, it, vi, type Mock } from 'vitest';
import { API_METHODS, type ApiMethod, type ParleyApi } from '../../../main/api/contract';
import { dispatch, isApiMethod } from '../../../main/service/dispatch';
import { ParleyError } from '../../../main/service/errors';

const ANNOTATION_ID = '3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b';
const valid = { docId: 'speech', start: 0, end: 4, label: 'quote' };

/** A ParleyApi whose every method is a mock resolving to undefined. */
type FakeApi = { [M in ApiMethod]: Mock<(...args: unknown[]) => Promise<unknown>> };
const fakeApi = (): FakeApi =>
  Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(() => Promise.resolve(undefined))])) as unknown as FakeApi;
const asApi = (fake: FakeApi): ParleyApi => fake as unknown as ParleyApi;

describe('dispatch', () => {
  it('refuses start after end with BAD_REQUEST naming the rule, before the service is called', async () => {
    const api = fakeApi();
    const result = await dispatch(asApi(api), 'addAnnotation', [{ docId: 'speech', start: 5, end: 3, label: 'quote' }]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('start 5 must be < end 3') as unknown },
    });
    expect(api.addAnnotation).not.toHaveBeenCalled();
  });

  it.each([
    { case: 'a docId of the wrong type', method: 'addAnnotation', args: [{ ...valid, docId: 7 }], names: 'docId' },
    { case: 'a missing label', method: 'addAnnotation', args: [{ docId: 'x', start: 0, end: 1 }], names: 'label' },
    { case: 'an extra key', method: 'addAnnotation', args: [{ ...valid, color: 'red' }], names: 'color' },
    { case: 'a fractional offset', method: 'addAnnotation', args: [{ ...valid, start: 1.5 }], names: 'start' },
    { case: 'a negative offset', method: 'addAnnotation', args: [{ ...valid, start: -1 }], names: 'start' },
    {
      case: 'an attribute that is not a string',
      method: 'addAnnotation',
      args: [{ ...valid, attributes: { k: 5 } }],
      names: 'attributes.k',
    },
    { case: 'an id that is not a UUID', method: 'updateAnnotation', args: ['nope', {}], names: 'id must be a UUID' },
    {
      case: 'a moved span ending first',
      method: 'updateAnnotation',
      args: [ANNOTATION_ID, { start: 9, end: 2 }],
      names: 'start 9 must be < end 2',
    },
    { case: 'an unknown setting', method: 'updateSettings', args: [{ theme: 'dark' }], names: 'theme' },
    { case: 'an empty docId', method: 'getDocument', args: [''], names: 'docId' },
    { case: 'an unknown status', method: 'setStatus', args: ['speech', 'finished'], names: 'status: ' },
    { case: 'a docId that is not a string', method: 'undo', args: [42], names: 'docId: ' },
    { case: 'a missing argument', method: 'getDocument', args: [], names: 'takes 1 argument (docId), got 0' },
    { case: 'an extra argument', method: 'getSession', args: ['x'], names: 'takes no arguments, got 1' },
    { case: 'arguments that are not a list', method: 'listDocuments', args: undefined, names: 'listDocuments' },
  ] satisfies { case: string; method: ApiMethod; args: unknown; names: string }[])(
    'refuses $case with BAD_REQUEST naming $names',
    async ({ method, args, names }) => {
      const api = fakeApi();
      const result = await dispatch(asApi(api), method, args);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(result.ok ? '' : result.error.message).toContain(names);
      expect(result.ok ? '' : result.error.message).toMatch(new RegExp(`^${method}: `));
      expect(api[method]).not.toHaveBeenCalled();
    },
  );

  it('passes the parsed arguments to the service and returns its value', async () => {
    const api = fakeApi();
    api.getDocument.mockResolvedValue({ text: 'hello' });
    expect(await dispatch(asApi(api), 'getDocument', ['speech'])).toEqual({ ok: true, value: { text: 'hello' } });
    expect(api.getDocument).toHaveBeenCalledWith('speech');
  });

  it('returns null as the value of a call that returns nothing', async () => {
    expect(await dispatch(asApi(fakeApi()), 'deleteAnnotation', [ANNOTATION_ID])).toEqual({ ok: true, value: null });
  });

  it('keeps the code and message of a ParleyError the service throws', async () => {
    const api = fakeApi();
    api.getDocument.mockRejectedValue(new ParleyError('NOT_FOUND', 'There is no document “x”'));
    expect(await dispatch(asApi(api), 'getDocument', ['x'])).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no document “x”' },
    });
  });

  it('turns any other error into INTERNAL naming the method', async () => {
    const api = fakeApi();
    api.listDocuments.mockRejectedValue(new TypeError('boom'));
    expect(await dispatch(asApi(api), 'listDocuments', [])).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'listDocuments failed unexpectedly: boom' },
    });
  });

  it('calls the method on the service itself, so `this` works', async () => {
    class Service {
      readonly name = 'real';
      getSession(): Promise<string> {
        return Promise.resolve(this.name);
      }
    }
    const api = new Service() as unknown as ParleyApi;
    expect(await dispatch(api, 'getSession', [])).toEqual({ ok: true, value: 'real' });
  });

  describe('isApiMethod', () => {
    it.each([
      ['getDocument', true],
      ['addAnnotation', true],
      ['constructor', false],
      ['on', false],
      ['', false],
    ])('says %s is a method: %s', (name, expected) => {
      expect(isApiMethod(name)).toBe(expected);
    });
  });
});
