import { InvalidOptionsError } from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store';
import { describeStoreConformance } from './store-conformance';

describeStoreConformance('memoryStore()', async () => memoryStore());

describe('memoryStore({ maxRecords })', () => {
  it('keeps at most maxRecords records, dropping the oldest first', async () => {
    const store = memoryStore({ maxRecords: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await store.set(`generation:${key}`, 1, 60_000);
    expect(await store.get('generation:a')).toBeUndefined();
    for (const key of ['b', 'c', 'd'])
      expect(await store.get(`generation:${key}`)).toMatchObject({ value: 1 });
    // Writing a record again makes it the newest.
    await store.set('generation:b', 1, 60_000);
    await store.set('generation:e', 1, 60_000);
    expect(await store.get('generation:c')).toBeUndefined();
    expect(await store.get('generation:b')).toMatchObject({ value: 1 });
  });

  it('never drops limit counters to make room', async () => {
    const store = memoryStore({ maxRecords: 2 });
    await store.increment('requests:user-1', 5, 60_000);
    await store.consume([{ key: 'tokens:user-1', amount: 7, limit: 100, windowMs: 60_000 }]);
    for (let index = 0; index < 10; index++) await store.set(`generation:${index}`, 1, 60_000);
    expect(await store.get('requests:user-1')).toMatchObject({ value: 5 });
    expect(await store.get('tokens:user-1')).toMatchObject({ value: 7 });
    expect(await store.get('generation:7')).toBeUndefined();
    expect(await store.get('generation:9')).toMatchObject({ value: 1 });
  });

  it('a deleted record frees its place', async () => {
    const store = memoryStore({ maxRecords: 2 });
    await store.set('generation:a', 1, 60_000);
    await store.set('generation:b', 1, 60_000);
    await store.delete('generation:b');
    await store.set('generation:c', 1, 60_000);
    expect(await store.get('generation:a')).toMatchObject({ value: 1 });
    expect(await store.get('generation:c')).toMatchObject({ value: 1 });
  });

  it('rejects a maxRecords that is not a positive integer, naming it', () => {
    for (const maxRecords of [0, -1, 1.5, Number.NaN]) {
      expect(() => memoryStore({ maxRecords })).toThrow(InvalidOptionsError);
      expect(() => memoryStore({ maxRecords })).toThrow(/maxRecords: must be a positive integer/);
    }
  });
});
