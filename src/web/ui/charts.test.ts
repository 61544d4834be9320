import { describe, expect, it } from 'vitest';
import { labelEvery, niceStep } from './charts.tsx';

describe('chart axes', () => {
  it('steps a value axis by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1234)).toBe(500);
    expect(niceStep(100)).toBe(50);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(0)).toBe(1);
  });

  it('shows every label that fits and skips evenly when they would not', () => {
    expect(labelEvery(12, 900, 56)).toBe(1);
    expect(labelEvery(12, 300, 56)).toBe(3);
    expect(labelEvery(0, 300, 56)).toBe(1);
  });
});
