import { beforeEach, expect, test, vi } from 'vitest';

// The address bar as the route store sees it: a hash, and replaceState rewriting it.
const address = { hash: '' };
vi.stubGlobal('location', address);
vi.stubGlobal('history', {
  state: null,
  replaceState: (_state: unknown, _title: string, hash: string) => void (address.hash = hash),
});

const { navigate, replacePayload, useRoute } = await import('../../src/store/route');

beforeEach(() => {
  address.hash = '';
  useRoute.setState({ page: '', payload: '' });
});

test('a page rewrites its own payload in the address bar', () => {
  navigate('compare', 'a');
  replacePayload('compare', 'b');
  expect(address.hash).toBe('#compare/b');
  expect(useRoute.getState()).toEqual({ page: 'compare', payload: 'b' });
});

test('the default page (an empty hash) may write its payload', () => {
  replacePayload('playground', 'x');
  expect(address.hash).toBe('#playground/x');
});

test('a page that finishes after the user left it does not take the user back', () => {
  navigate('compare', 'a');
  // The user goes to Tune; the comparison opens a moment later and writes its link.
  navigate('tune');
  replacePayload('compare', 'b');
  expect(address.hash).toBe('#tune');
  expect(useRoute.getState()).toEqual({ page: 'tune', payload: '' });
});

test('rewriting the payload the address bar already shows re-renders no reader of the route', () => {
  navigate('playground', 'x');
  const seen: unknown[] = [];
  const stop = useRoute.subscribe((route) => seen.push(route));
  replacePayload('playground', 'x');
  stop();
  expect(seen).toEqual([]);
  expect(address.hash).toBe('#playground/x');
});

test('a link put in the address bar is not overwritten before its hashchange arrives', () => {
  navigate('playground', 'old');
  // The user pastes a link; the browser fires hashchange in a later task, and the playground's
  // pending write of its current experiment lands first.
  address.hash = '#playground/new';
  replacePayload('playground', 'old');
  expect(address.hash).toBe('#playground/new');
  expect(useRoute.getState()).toEqual({ page: 'playground', payload: 'new' });
});
