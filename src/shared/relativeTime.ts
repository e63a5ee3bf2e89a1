/** "5 min ago", "yesterday", "Mar 5": when something happened, for history lists in the view and in quick picks. */
import { l10nLanguage, t } from './l10n';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `just now`, `5 min ago`, `3 h ago`, `yesterday`, `4 days ago`, then a date (`Mar 5`, or `Mar 5, 2023`). */
export function relativeTime(timestamp: number, now: number): string {
  const age = now - timestamp;
  if (age < MINUTE) return t('just now');
  if (age < HOUR) return t('{0} min ago', Math.floor(age / MINUTE));
  if (age < DAY) return t('{0} h ago', Math.floor(age / HOUR));
  if (age < 2 * DAY) return t('yesterday');
  if (age < 7 * DAY) return t('{0} days ago', Math.floor(age / DAY));
  const date = new Date(timestamp);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: sameYear ? undefined : 'numeric' };
  try {
    return date.toLocaleDateString(l10nLanguage(), options);
  } catch {
    return date.toLocaleDateString('en-US', options);
  }
}
