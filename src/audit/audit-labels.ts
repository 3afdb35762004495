// Readable names of audit actions and kinds of record, for every page that shows audit
// rows (the admin's log viewer, an account's history). The texts live in the auditLog
// namespace (src/i18n/locales/*/audit-log.json); an action without one shows its code.
import type { TFunction } from 'i18next';

/** An action's readable name where the locale has one, else its code. */
export const actionLabel = (t: TFunction, action: string): string =>
  t(`auditLog.actions.${action.replaceAll('.', '_')}`, { defaultValue: action });

/** A kind of record's readable name where the locale has one, else its code. */
export const targetTypeLabel = (t: TFunction, type: string): string => t(`auditLog.targetTypes.${type}`, { defaultValue: type });
