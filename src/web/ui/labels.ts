import {
  DOSSIER_CHANNEL_LABELS,
  DOSSIER_STATUS_LABELS,
  type DossierChannel,
  type DossierStatus,
} from '../../domain/dossier-lifecycle.ts';
import { isOfficerRole } from '../../domain/access.ts';
import type { Locale } from '../../domain/form-validation.ts';
import type { Translate } from '../i18n.tsx';

const STATUS_COLORS: Record<DossierStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  received: 'blue',
  processing: 'processing',
  supplement_requested: 'orange',
  paused: 'default',
  result_ready: 'cyan',
  returned: 'green',
  refused: 'red',
  withdrawn: 'default',
  transferred: 'purple',
};

export const statusLabel = (status: DossierStatus, locale: Locale) =>
  DOSSIER_STATUS_LABELS[status][locale];
export const statusColor = (status: DossierStatus) => STATUS_COLORS[status];
export const channelLabel = (channel: DossierChannel, locale: Locale) =>
  DOSSIER_CHANNEL_LABELS[channel][locale];

/** An officer's role as the administration pages name it; an unknown one as its code. */
export const roleLabel = (role: string, t: Translate) =>
  isOfficerRole(role) ? t(`role.${role}`) : role;
