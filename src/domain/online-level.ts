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

/** What a procedure version offers online besides taking the dossier. */
export type OnlineCapabilities = {
  /** The version charges nothing. */
  feeFree: boolean;
  /** Fees are paid through the payment gateway. */
  paymentOnline: boolean;
  /** The result is returned as a signed electronic document. */
  resultOnline: boolean;
};

/**
 * The level a service shows: full online (level 4) only when the applicant can also pay online
 * (or pays nothing) and receives the result online; otherwise the dossier still needs a visit and
 * the service is partial, whatever the agency declared.
 */
export function effectiveOnlineLevel(
  declared: OnlineLevel,
  offers: OnlineCapabilities,
): OnlineLevel {
  const paysOnline = offers.feeFree || offers.paymentOnline;
  return declared === 'full' && paysOnline && offers.resultOnline ? 'full' : 'partial';
}
