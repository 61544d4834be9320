import { describe, expect, it } from 'vitest';
import { effectiveOnlineLevel, legacyLevel, onlineLevelLabel } from './online-level.ts';

describe('online levels', () => {
  it('derives the level of Decree 43/2011 from the classification of Decree 42/2022', () => {
    expect(legacyLevel('full')).toBe(4);
    expect(legacyLevel('partial')).toBe(3);
    expect(onlineLevelLabel('full', 'vi')).toBe('Toàn trình (mức độ 4)');
    expect(onlineLevelLabel('partial', 'en')).toBe('Partial online (level 3)');
  });

  it('shows full online only when the fee is paid online (or nothing is due) and the result comes online', () => {
    const offers = { feeFree: false, paymentOnline: true, resultOnline: true };
    expect(effectiveOnlineLevel('full', offers)).toBe('full');
    expect(effectiveOnlineLevel('full', { ...offers, paymentOnline: false })).toBe('partial');
    expect(effectiveOnlineLevel('full', { ...offers, paymentOnline: false, feeFree: true })).toBe(
      'full',
    );
    expect(effectiveOnlineLevel('full', { ...offers, resultOnline: false })).toBe('partial');
    expect(effectiveOnlineLevel('partial', offers)).toBe('partial');
  });
});
