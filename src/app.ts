// The composition root: builds the whole portal from its dependencies — every service
// once (src/services.ts), then the routers, each given the services it uses. Tests call it in-process with a real test database; src/server.ts
// calls it with the configured one. Middleware order is deliberate:
// logging → security headers → compression → health → static → parsing → locale → session → auth
// → CSRF → view locals → routes → 404 → error handler.
import path from 'node:path';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import compression from 'compression';
import type pg from 'pg';
import type { PrismaClient } from './generated/prisma/client.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { systemClock, type Clock } from './clock.js';
import { projectRoot } from './paths.js';
import { createLayoutEngine } from './views/layout-engine.js';
import { requestLogging } from './middleware/request-logging.js';
import { securityHeaders } from './middleware/security-headers.js';
import { compressUnlessPrivate, staticAssets } from './middleware/static-assets.js';
import { assetManifest, type AssetManifest } from './middleware/asset-manifest.js';
import { languageSwitchRoutes, locale } from './middleware/locale.js';
import { absoluteSessionTimeout, sessions } from './middleware/session.js';
import { controlCharacters } from './middleware/control-characters.js';
import { guardRegenerate, saveSessionBeforeRedirect } from './middleware/save-session-before-redirect.js';
import { authentication, createPassport } from './middleware/authentication.js';
import { csrfProtection } from './middleware/csrf.js';
import { exposeFlash } from './middleware/flash.js';
import { viewLocals } from './middleware/view-locals.js';
import { createAccessControl } from './access/access-control.js';
import { createServices, type Services } from './services.js';
import { ASSOCIATION_AREA, associationAreaGuard } from './features/association-area/association-area.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { rejectRepeatedQueryParameters } from './middleware/query-pollution.js';
import { authRoutes } from './features/auth/auth-routes.js';
import { twoFactorRoutes } from './features/two-factor/two-factor-routes.js';
import { healthRoutes, type Lifecycle } from './features/health/health-routes.js';
import { homeRoutes } from './features/home/home-routes.js';
import { staffRoutes } from './features/staff/staff-routes.js';
import { auditLogRoutes } from './features/audit-log/audit-log-routes.js';
import { accountRoutes } from './features/account/account-routes.js';
import { pagesRoutes } from './features/pages/pages-routes.js';
import { openingRoutes } from './features/openings/opening-routes.js';
import { interestRoutes } from './features/interests/interest-routes.js';
import { associationOpeningRoutes } from './features/association-openings/association-opening-routes.js';
import { associationRoutes } from './features/associations/association-routes.js';
import { calendarRoutes } from './features/calendar/calendar-routes.js';
import { passwordRoutes } from './features/auth/password-reset-routes.js';
import { agreementTemplateRoutes } from './features/agreement-template/agreement-template-routes.js';
import { agreementRoutes } from './features/agreements/agreement-routes.js';
import { agreementAnswerRoutes } from './features/agreement-answers/agreement-answer-routes.js';
import { agreementFollowUpRoutes } from './features/agreement-follow-up/agreement-follow-up-routes.js';
import { agreementEvaluationRoutes } from './features/agreement-evaluations/agreement-evaluation-routes.js';
import { collaborationRoutes } from './features/collaborations/collaboration-routes.js';
import { actionPlanRoutes } from './features/action-plans/action-plan-routes.js';
import { planReviewRoutes } from './features/plan-reviews/plan-review-routes.js';
import { publicPlanRoutes } from './features/public-plans/public-plan-routes.js';
import { planReportRoutes } from './features/plan-reports/plan-report-routes.js';
import { dataRightsRoutes } from './features/data-rights/data-rights-routes.js';
import { IMPORT_UPLOAD_PATH, planImportUpload } from './features/plan-reports/plan-import-upload.js';
import { settingsRoutes } from './features/municipality/settings-routes.js';
import { LOGO_UPLOAD_PATH, logoUpload } from './features/municipality/logo-upload.js';
import { administrationRoutes } from './features/administration/administration-routes.js';
import { staffAccountRoutes } from './features/staff-accounts/staff-accounts-routes.js';
import { firstRunRoutes } from './features/first-run/first-run-routes.js';
import { vocabularyRoutes } from './features/vocabularies/vocabulary-routes.js';
import { exceptOneClickUnsubscribe, openingAlertRoutes } from './features/opening-alerts/opening-alert-routes.js';

export interface AppDependencies {
  prisma: PrismaClient;
  /** The pool Prisma's adapter uses; the session store and readiness check share it. */
  pool: pg.Pool;
  config: Config;
  logger?: Logger;
  clock?: Clock;
  lifecycle?: Lifecycle;
  /** Built from the other dependencies when not given. */
  services?: Services;
  /** Built at start when not given (src/middleware/asset-manifest.ts). */
  assets?: AssetManifest;
}

export function createApp(deps: AppDependencies): Express {
  const { prisma, pool, config } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const clock = deps.clock ?? systemClock;
  const lifecycle = deps.lifecycle ?? { shuttingDown: false };
  const production = config.env === 'production';

  const services = deps.services ?? createServices({ prisma, clock, config, logger });
  const { translator } = services;
  const { settings, auth } = services;
  const passport = createPassport(auth);
  const access = createAccessControl(services.security);
  const csrf = csrfProtection({ secret: config.session.secret, cookieSecure: config.session.cookieSecure });

  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  const viewsDir = path.join(projectRoot, 'views');
  app.engine('ejs', createLayoutEngine(viewsDir, production));
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  // Every view, error pages included, links its CSS, JS and icons by fingerprinted URL.
  const assets = deps.assets ?? assetManifest({ brotli: production });
  app.locals.asset = assets.url;

  app.use(requestLogging(logger));
  // Before everything that answers, health probes included: every response the app
  // writes carries the same headers (the server's own 431/400: src/server.ts).
  app.use(securityHeaders({ hsts: config.session.cookieSecure }));
  // Pages, feeds and downloads compressed when the client accepts it: brotli at quality 4
  // (the package's default: as fast as gzip, smaller), else gzip. Under 1 KB (health
  // probes, redirects) not worth it. The static assets come precompressed. Not what is
  // `no-store` — pages for a logged-in user, secret-link pages, personal downloads:
  // they hold a CSRF token or personal data beside text a link can put in (a search),
  // which compression would let an observer of sizes guess (BREACH; docs/SECURITY.md).
  app.use(compression({ threshold: 1024, filter: compressUnlessPrivate }));
  app.use(healthRoutes(pool, lifecycle));
  app.use(staticAssets({ production, manifest: assets }));
  app.use(cookieParser());
  // Before the body parser: a body it refuses (413, 400) is answered by the error page,
  // which needs the reader's language.
  app.use(locale(translator));
  // The form with the most fields, the agreement template's, has seven per section and
  // checklist item (at most 30 + 20, agreement-template-schemas.ts): 400 parameters.
  // The longest, an agreement's edit form, holds up to 30 section texts of 4000
  // characters (agreement-schemas.ts); Danish letters take 6 bytes form-encoded, so
  // 100 kB could refuse a long agreement that passes every field's limit.
  app.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 400 }));
  app.use(controlCharacters);
  app.use(rejectRepeatedQueryParameters);
  app.use(languageSwitchRoutes({ secureCookie: config.session.cookieSecure }));
  app.use(
    sessions({
      pool,
      secret: config.session.secret,
      idleMinutes: config.session.idleMinutes,
      cookieSecure: config.session.cookieSecure,
      logger,
      onStart: guardRegenerate,
    }),
  );
  app.use(saveSessionBeforeRedirect);
  app.use(absoluteSessionTimeout(config.session.absoluteHours, () => clock.now().getTime()));
  app.use(authentication(passport, app.request));
  app.use(csrf.exposeToken);
  // A multipart form's CSRF token is in its body: the plan import's upload is parsed first.
  app.use(IMPORT_UPLOAD_PATH, planImportUpload(access));
  app.use(LOGO_UPLOAD_PATH, logoUpload(access));
  // Not on an alert's unsubscribe POST: a mail program's one-click POST (RFC 8058) has no token.
  app.use(exceptOneClickUnsubscribe(csrf.protect));
  app.use(exposeFlash);
  app.use(viewLocals(settings));

  // Everything under /min-forening/:associationId: one guard (id, policy, loading).
  app.use(ASSOCIATION_AREA, ...associationAreaGuard({ access, area: services.associationArea }));

  app.use(homeRoutes({ clock, services: { home: services.home } }));
  const { twoFactor, rateLimits } = services;
  app.use(
    authRoutes({
      passport,
      clock,
      rateLimit: config.loginRateLimit,
      rateLimits,
      services: { auth, security: services.security, twoFactor },
    }),
  );
  app.use(
    twoFactorRoutes({
      access,
      clock,
      baseUrl: config.baseUrl,
      rateLimit: config.loginRateLimit,
      rateLimits,
      services: { auth, security: services.security, twoFactor },
    }),
  );
  app.use(accountRoutes({ access, services: { account: services.account } }));
  app.use(
    staffRoutes({ access, clock, services: { staffOverview: services.staffOverview, agreementFollowUp: services.agreementFollowUp } }),
  );
  app.use(pagesRoutes({ services: { settings } }));
  app.use(settingsRoutes({ access, clock, services: { settings } }));
  const { openingSearch, openingPages, interests, associationOpenings } = services;
  // Before the openings router: its /opgaver/:id would take "besked" for an id.
  app.use(
    openingAlertRoutes({ clock, config, services: { openingAlerts: services.openingAlerts, security: services.security, rateLimits } }),
  );
  app.use(openingRoutes({ clock, config, security: services.security, rateLimits, services: { openingSearch, openingPages, interests } }));
  app.use(interestRoutes({ access, clock, services: { interests } }));
  app.use(associationOpeningRoutes({ clock, services: { associationOpenings } }));
  app.use(
    associationRoutes({
      access,
      config,
      clock,
      services: {
        security: services.security,
        rateLimits,
        associationOptions: services.associationOptions,
        registrations: services.registrations,
        directory: services.directory,
        publicProfiles: services.publicProfiles,
        profiles: services.profiles,
        memberships: services.memberships,
        review: services.review,
      },
    }),
  );
  app.use(
    calendarRoutes({
      access,
      clock,
      config,
      services: { activities: services.activities, events: services.events, calendar: services.calendar },
    }),
  );
  app.use(agreementTemplateRoutes({ access, clock, services: { agreementTemplates: services.agreementTemplates } }));
  // Before the agreements router: its /:agreementId would take "opfoelgning" for an id.
  app.use(agreementFollowUpRoutes({ access, clock, services: { agreementFollowUp: services.agreementFollowUp } }));
  app.use(
    agreementRoutes({
      access,
      clock,
      baseUrl: config.baseUrl,
      services: {
        agreements: services.agreements,
        agreementWorkflow: services.agreementWorkflow,
        agreementEvaluations: services.agreementEvaluations,
        actionPlans: services.actionPlans,
      },
    }),
  );
  app.use(agreementAnswerRoutes({ clock, config, services: { agreementAnswers: services.agreementAnswers } }));
  app.use(
    agreementEvaluationRoutes({
      access,
      clock,
      baseUrl: config.baseUrl,
      services: { agreementEvaluations: services.agreementEvaluations },
    }),
  );
  app.use(collaborationRoutes({ clock, services: { collaborations: services.collaborations } }));
  app.use(actionPlanRoutes({ access, clock, services: { actionPlans: services.actionPlans } }));
  app.use(vocabularyRoutes({ access, clock, services: { vocabularies: services.vocabularies } }));
  app.use(planReviewRoutes({ access, clock, services: { planReviews: services.planReviews } }));
  app.use(publicPlanRoutes({ clock, config, services: { publicPlans: services.publicPlans } }));
  app.use(planReportRoutes({ access, clock, translator, services: { planReports: services.planReports } }));
  app.use(auditLogRoutes({ access, services: { auditLog: services.auditLog } }));
  app.use(
    dataRightsRoutes({
      access,
      clock,
      config,
      services: { dataRights: services.dataRights, security: services.security, openingAlerts: services.openingAlerts, rateLimits },
    }),
  );
  app.use(passwordRoutes({ access, config, clock, services: { passwords: services.passwords, security: services.security, rateLimits } }));
  app.use(administrationRoutes({ access }));
  app.use(staffAccountRoutes({ access, clock, baseUrl: config.baseUrl, services: { staffAccounts: services.staffAccounts } }));
  app.use(firstRunRoutes({ clock, services: { firstRun: services.firstRun, security: services.security, rateLimits } }));

  app.use(notFound);
  app.use(errorHandler());
  return app;
}
