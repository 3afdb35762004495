// One place for what the portal adds to Express's request, session and locals.
import type { TFunction } from 'i18next';
import type { Language } from '../i18n/i18n.js';
import type { AuthenticatedUser } from '../features/auth/authenticated-user.js';
import type { FieldError } from '../validation/form.js';
import type { MunicipalityProfile } from '../features/municipality/settings-service.js';
import type { ManagedAssociation } from '../features/association-area/association-area-service.js';
import type { Permissions } from '../access/policies.js';
import type { Logger } from '../logger.js';

declare global {
  namespace Express {
    // passport's req.user
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface
    interface User extends AuthenticatedUser {}

    interface Request {
      /** The request's id (src/middleware/request-logging.ts): in the X-Request-Id header, every log line and error pages. */
      id: string;
      /** A logger whose lines carry the request's id, method and loggable path (request-logging.ts). */
      log: Logger;
      lang: Language;
      t: TFunction;
    }

    interface Locals {
      t: TFunction;
      lang: Language;
      currentPath: string;
      csrfToken: () => string;
      user: AuthenticatedUser | undefined;
      errors: FieldError[];
      values: Record<string, unknown>;
      /** Field name → longest accepted text, for maxlength (src/validation/limits.ts). */
      limits: Record<string, number>;
      /** The trail the layout shows above the page (views/partials/breadcrumbs.ejs). */
      breadcrumbs: Breadcrumb[];
      /** The honeypot field's name (src/validation/honeypot.ts). */
      honeypotField: string;
      flash: Flash[];
      requestId: string;
      municipality: MunicipalityProfile;
      formatDate: (date: Date) => string;
      /** ' lang="da"' on pages not in Danish, else '': the attribute for user-typed (Danish) content. */
      danish: '' | ' lang="da"';
      /** t(key, options) as HTML with the named options marked lang="da" (src/views/mixed-language.ts). */
      withDanish: (key: string, options: Record<string, string | number>, danishFields: readonly string[]) => string;
      /** What the reader may do (src/access/policies.ts), for menus and buttons. */
      can: Permissions;
      /** Inside /min-forening/:associationId: the association (see association-area.ts). */
      managedAssociation?: ManagedAssociation;
      /** Inside /min-forening/:associationId: the user is an admin there, not a member (association-area.ts). */
      areaAsAdministrator?: boolean;
    }
  }
}

/** One step of the breadcrumb trail; the last (the page itself) has no href. */
export interface Breadcrumb {
  label: string;
  href?: string;
  /** The label is typed content (a title, an association's name): lang="da" on pages in other languages. */
  typed?: boolean;
}

export interface Flash {
  type: 'success' | 'info' | 'warning' | 'error';
  /** Locale key; flashes carry keys, not text, so they render in the reader's language. */
  key: string;
  /** The id of the element the message is about: the page shows it there, where the eye is, not at the top. */
  near?: string;
}

declare module 'express-session' {
  interface SessionData {
    /** When the user logged in (ms since epoch); for the absolute session timeout. */
    authenticatedAt?: number;
    flash?: Flash[];
    /** Where to return after login (a local path). */
    returnTo?: string;
    /** When the second factor was given (ms since epoch); staff sessions without it are not logged in. */
    secondFactorAt?: number;
    /** A password checked, the second factor still to come (src/features/two-factor/). */
    pendingLogin?: { userId: number; at: number; returnTo: string; failures: number };
    /** The secret being enrolled (sealed), until the user confirms it with a code. */
    pendingTotpSecret?: string;
    /** When the user gave a current code to set up a new authenticator (min-side). */
    totpReplaceAllowedAt?: number;
    /** When the user logged in with a recovery code (a lost phone): the new app is set up without the old one's code. */
    totpRecoveryLoginAt?: number;
    /** Recovery codes to show once, and where to go after. */
    recoveryCodesToShow?: { codes: string[]; next: string };
  }
}

export {};
