import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/memo.ts';

describe('BoundedMemo', () => {
  it('makes each value once, and starts over past its size', () => {
    const memo = new BoundedMemo<string>(2);
    let made = 0;
    const get = (key: string): string => memo.get(key, () => `${key}${++made}`);
    expect([get('a'), get('a'), get('b')]).toEqual(['a1', 'a1', 'b2']);
    expect(get('c')).toBe('c3'); // full: forgot a and b
    expect(get('a')).toBe('a4');
    memo.clear();
    expect(get('c')).toBe('c5');
  });
});
