// Notification preferences: the defaults, and a saved choice filled in with them.
import type { CitizenCategory, NotificationPreferences, QuietHours } from '../../../schemas/engagement';
import { citizenCategories } from '../../../schemas/engagement';
import type { StoredPreferences } from './ports';

/** Arabic; progress of each step in the inbox only; no SMS at night unless urgent. */
export const defaultPreferences: Omit<NotificationPreferences, 'updatedAt'> = {
  language: 'ar',
  channels: {
    'application-status': { email: true, sms: true },
    'application-progress': { email: false, sms: false },
    'action-required': { email: true, sms: true },
    complaints: { email: true, sms: false },
  },
  quietHours: { from: '22:00', to: '07:00' },
};

export interface PreferencesChange {
  readonly language: NotificationPreferences['language'];
  readonly channels?: Partial<Record<CitizenCategory, { email: boolean; sms: boolean }>>;
  readonly quietHours?: QuietHours | null;
}

/** A PUT replaces the preferences: what it leaves out takes the default. */
export function replacePreferences(change: PreferencesChange, at: string): StoredPreferences {
  const channels = Object.fromEntries(
    citizenCategories.map((category) => [category, { ...(change.channels?.[category] ?? defaultPreferences.channels[category]) }]),
  ) as NotificationPreferences['channels'];
  return {
    language: change.language,
    channels,
    quietHours: change.quietHours === undefined ? defaultPreferences.quietHours : change.quietHours,
    updatedAt: at,
  };
}

/** The saved preferences, else the defaults; fields and categories in a stable order (a stored map's is not). */
export function effectivePreferences(stored: StoredPreferences | undefined): NotificationPreferences {
  const { language, channels, quietHours } = stored ?? defaultPreferences;
  return {
    language,
    channels: Object.fromEntries(
      citizenCategories.map((category) => [category, { email: channels[category].email, sms: channels[category].sms }]),
    ) as NotificationPreferences['channels'],
    quietHours: quietHours ? { from: quietHours.from, to: quietHours.to } : null,
    ...(stored ? { updatedAt: stored.updatedAt } : {}),
  };
}
