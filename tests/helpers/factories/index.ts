// Test data with sensible defaults, one factory per model; each test says only what
// matters to it, through the factory's options.
export { aUser, TEST_PASSWORD, TEST_TOTP_SECRET, type UserOptions } from './users.js';
export { anAssociation, type AssociationOptions } from './associations.js';
export { anOpening, type OpeningOptions } from './openings.js';
export { anInterest, daysBefore, type InterestOptions } from './interests.js';
export { anActivity, type ActivityOptions } from './activities.js';
export { anEvent, type EventOptions } from './events.js';
export { anAgreement, sendVersion, answerVersion, acceptAll, type AgreementOptions } from './agreements.js';
export { aPlan, anAction, aReview, type PlanOptions, type ActionOptions, type ReviewOptions } from './action-plans.js';
export { aLookup, referenceData, vocabulariesChanged, AREAS, FIELDS, type LookupKind, type ReferenceData } from './lookups.js';
export { aSentAgreement, anAnswerLink } from './agreement-answers.js';
export { anEvaluation, anEvaluationAnswer, aChecklist } from './agreement-evaluations.js';
export { aSendableAgreement, type SendableOptions } from './agreement-workflow.js';
export { anAgreementInForce, linkOpening } from './collaborations.js';
