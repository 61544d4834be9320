/**
 * Online levels. Decree 42/2022/NĐ-CP classifies a service as full online (toàn trình) or partial
 * online (một phần); the levels of Decree 43/2011/NĐ-CP, used by the 2018–2020 figures, stay as a
 * derived label: a full-online service is level 4; a partial one that takes dossiers online is
 * level 3 (every service here takes them online; level 2 forms-only services are not offered).
 */
export type OnlineLevel = 'full' | 'partial';

export function legacyLevel(level: OnlineLevel): 3 | 4 {
  return level === 'full' ? 4 : 3;
}

export const ONLINE_LEVEL_NAMES: Record<OnlineLevel, { vi: string; en: string }> = {
  full: { vi: 'Toàn trình', en: 'Full online' },
  partial: { vi: 'Một phần', en: 'Partial online' },
};

/** "Toàn trình (mức độ 4)", as portals show it while both classifications are in use. */
export function onlineLevelLabel(level: OnlineLevel, locale: 'vi' | 'en'): string {
  return locale === 'vi'
    ? `${ONLINE_LEVEL_NAMES[level].vi} (mức độ ${legacyLevel(level)})`
    : `${ONLINE_LEVEL_NAMES[level].en} (level ${legacyLevel(level)})`;
}
