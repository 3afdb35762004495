// Every service of the portal, built once (called by createApp, the composition root).
// Services are the only code that talks to the database; routers and controllers get
// the services they use from here, never Prisma. A service that changes data does it
// in a transaction that also writes the audit row (src/audit/audit-log.ts) and queues
// any e-mail the change causes (src/mail/outbox.ts).
//
// Adding a feature: write `create<Thing>Service(deps)` in its feature folder, add it
// below, and hand it to the feature's router in src/app.ts (docs/ARCHITECTURE.md).
import type { PrismaClient } from './generated/prisma/client.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createSecurityEvents } from './audit/audit-log.js';
import { createSettingsService } from './features/municipality/settings-service.js';
import { createAuthService } from './features/auth/auth-service.js';
import { createPasswordService } from './features/auth/password-reset-service.js';
import { createTwoFactorService } from './features/two-factor/two-factor-service.js';
import { createSecretBox } from './security/secret-box.js';
import { createRateLimitStores } from './security/rate-limit-store.js';
import { createHomeService } from './features/home/home-service.js';
import { createAccountService } from './features/account/account-service.js';
import { createStaffOverviewService } from './features/staff/staff-service.js';
import { createAssociationAreaService } from './features/association-area/association-area-service.js';
import { createAssociationOptionsService } from './features/associations/association-options.js';
import { createRegistrationService } from './features/associations/registration-service.js';
import { createDirectoryService } from './features/associations/directory-service.js';
import { createPublicProfileService } from './features/associations/public-profile-service.js';
import { createProfileService } from './features/associations/profile-service.js';
import { createMembershipService } from './features/associations/membership-service.js';
import { createReviewService } from './features/associations/review-service.js';
import { createOpeningSearch } from './features/openings/search-service.js';
import { createFacetIndex } from './features/openings/search-index/search-facet-index.js';
import { createOpeningPageService } from './features/openings/opening-page-service.js';
import { createInterestService } from './features/interests/interest-service.js';
import { createAssociationOpeningService } from './features/association-openings/association-opening-service.js';
import { createActivityService } from './features/calendar/activity-service.js';
import { createEventService } from './features/calendar/event-service.js';
import { createCalendarService } from './features/calendar/calendar-service.js';
import { createAgreementTemplateService } from './features/agreement-template/agreement-template-service.js';
import { createAgreementService } from './features/agreements/agreement-service.js';
import { createAgreementAnswerService } from './features/agreement-answers/agreement-answer-service.js';
import { createAgreementFollowUpService } from './features/agreement-follow-up/agreement-follow-up-service.js';
import { createTranslator } from './i18n/i18n.js';
import { createAgreementEvaluationService } from './features/agreement-evaluations/agreement-evaluation-service.js';
import { createAgreementWorkflowService } from './features/agreements/agreement-workflow-service.js';
import { createCollaborationService } from './features/collaborations/collaboration-service.js';
import { createActionPlanService } from './features/action-plans/action-plan-service.js';
import { createPlanReviewService } from './features/plan-reviews/plan-review-service.js';
import { createPublicPlanService } from './features/public-plans/public-plan-service.js';
import { createPlanReportService } from './features/plan-reports/plan-report-service.js';
import { createStaffAccountService } from './features/staff-accounts/staff-accounts-service.js';
import { createFirstRunService } from './features/first-run/first-run-service.js';
import { createAuditLogService } from './features/audit-log/audit-log-service.js';
import { createVocabularyService } from './features/vocabularies/vocabulary-service.js';
import { createVocabularyCache } from './features/vocabularies/vocabulary-options.js';
import { createDataRightsService } from './features/data-rights/data-rights-service.js';
import { createOpeningAlertService } from './features/opening-alerts/opening-alert-service.js';

export interface ServiceDependencies {
  prisma: PrismaClient;
  clock: Clock;
  config: Config;
  logger: Logger;
}

export function createServices(deps: ServiceDependencies) {
  const { prisma, clock, config, logger } = deps;
  const security = createSecurityEvents(prisma, logger);
  const agreementTemplates = createAgreementTemplateService(prisma);
  const settings = createSettingsService(prisma);
  // One translator for the app's pages and the services' own mail texts (loading the
  // locale files once).
  const translator = createTranslator();
  // The search's facet counts in this process (ADR 0033). Idle until started with the
  // pool (src/server.ts; tests that want it): until then the search counts in SQL.
  const searchFacetIndex = createFacetIndex({ logger });
  // The active vocabulary values, for every service that offers or filters by them;
  // the vocabulary service empties it after each change (vocabulary-options.ts).
  const vocabularyCache = createVocabularyCache();
  const openingSearch = createOpeningSearch(prisma, { facetIndex: searchFacetIndex, vocabularyCache });
  return {
    translator,
    searchFacetIndex,
    vocabularyCache,
    security,
    settings,
    // Every rate limiter's counters, in PostgreSQL so that all portal processes count
    // together; client keys stored as HMACs with the session secret (ADR 0029).
    rateLimits: createRateLimitStores({ prisma, clock, secret: config.session.secret, logger }),

    // Accounts and login
    auth: createAuthService(prisma),
    passwords: createPasswordService({ prisma, security, secret: config.session.secret }),
    // Two-factor login (TOTP): secrets sealed with config.secretKey
    twoFactor: createTwoFactorService({ prisma, secretBox: createSecretBox(config.secretKey) }),

    // Home page, "Min side", the staff start page
    home: createHomeService(prisma),
    account: createAccountService(prisma),
    staffOverview: createStaffOverviewService(prisma),

    // Associations: registration, directory, the association's own area, staff review
    associationArea: createAssociationAreaService(prisma),
    associationOptions: createAssociationOptionsService(prisma, { vocabularyCache }),
    registrations: createRegistrationService(prisma),
    directory: createDirectoryService(prisma, { vocabularyCache }),
    publicProfiles: createPublicProfileService(prisma),
    profiles: createProfileService(prisma),
    memberships: createMembershipService(prisma),
    review: createReviewService(prisma),

    // Openings: search and feeds, the opening page and showing interest (openings/),
    // the interests afterwards (interests/), the association's openings (association-openings/)
    openingSearch,
    openingPages: createOpeningPageService(prisma),
    interests: createInterestService(prisma, { shownRetention: () => settings.shownRetention() }),
    associationOpenings: createAssociationOpeningService(prisma, { vocabularyCache }),
    // "E-mail me new openings like these": alerts and their daily job (opening-alerts/)
    openingAlerts: createOpeningAlertService(prisma, { openingSearch, vocabularyCache }),

    // Calendar: activities, municipal events, the public calendar
    activities: createActivityService(prisma),
    events: createEventService(prisma),
    calendar: createCalendarService(prisma, { vocabularyCache }),

    // Collaboration agreements: the municipality's template (admins edit, staff read),
    // and the agreements staff write from it
    agreementTemplates,
    agreements: createAgreementService(prisma, { templates: agreementTemplates }),
    // The partners' answers to sent versions (association area and e-mailed links)
    agreementAnswers: createAgreementAnswerService(prisma),
    // The follow-up page and the daily reminder e-mails (run by the job worker, which
    // gets this same service: src/jobs/tasks.ts); mail texts in Danish.
    agreementFollowUp: createAgreementFollowUpService(prisma, { settings, t: translator.t('da') }),
    // Evaluations at the review dates and the decision they end in
    agreementEvaluations: createAgreementEvaluationService(prisma, { templates: agreementTemplates }),
    // Sending versions, notice, the daily lifecycle job, versions, history
    agreementWorkflow: createAgreementWorkflowService(prisma),
    // The public "Samarbejder" pages: active agreements' public fields
    collaborations: createCollaborationService(prisma),

    // Action plans: plans, goals, actions per year, the plan's history (action-plans/)
    actionPlans: createActionPlanService(prisma),
    // The yearly status review of action plans (staff and responsible associations)
    planReviews: createPlanReviewService(prisma),
    // The public action-plan pages and feed (/handleplaner): finalised reviews only
    publicPlans: createPublicPlanService(prisma),
    // Action plans: the overview, the committee report and its downloads, the import
    planReports: createPlanReportService(prisma),

    // Administration: staff and admin accounts, invitations; the first-run set-up
    staffAccounts: createStaffAccountService(prisma),
    firstRun: createFirstRunService(prisma, { settings }),
    // The audit log viewer for admins (read only)
    auditLog: createAuditLogService(prisma),
    // Administration: the vocabularies (local areas, fields of work, target groups, skills)
    vocabularies: createVocabularyService(prisma, { vocabularyCache }),
    // People's data rights: "Mine data" links, account download and deletion, erasure
    dataRights: createDataRightsService(prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
