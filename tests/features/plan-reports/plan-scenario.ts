// A plan 2017–2019 with three goals, actions in 2017 and 2018 (one carried over), the
// 2017 review finalised with a committee decision and a correction, the 2018 review a
// draft with an association's own status that differs from the staff's. Used by the
// plan-reports request tests and the browser test.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import { aPlan, anAction, anAssociation, aReview } from '../../helpers/factories/index.js';

export async function planScenario(prisma: PrismaClient, options: { staffId?: number | null } = {}) {
  const spire = await anAssociation(prisma, { name: `Haveforeningen Spire ${Math.random().toString(36).slice(2, 7)}` });
  const plan = await aPlan(prisma, { title: 'Handleplan for frivillighed 2017–2019', firstYear: 2017, lastYear: 2019 });
  const mentor = await anAction(prisma, plan.id, {
    year: 2017,
    title: 'Mentorordning for nye frivillige',
    description: 'Nye frivillige får en erfaren mentor.\nOpstart i foråret.',
    goalNumbers: [1],
    units: ['Center for Sundhed'],
    associationIds: [spire.id],
    indicator: 'Antal mentorpar',
    indicatorTarget: 20,
  });
  await prisma.planAction.update({
    where: { id: mentor.id },
    data: { plannedFrom: new Date('2017-03-01T00:00:00Z'), plannedTo: new Date('2017-12-31T00:00:00Z') },
  });
  const fredag = await anAction(prisma, plan.id, {
    year: 2017,
    title: '=Frivillig Fredag',
    goalNumbers: [1, 2],
    units: ['Kultur og Fritid'],
  });
  const dropped = await anAction(prisma, plan.id, { year: 2017, title: 'Frivilligbørs', goalNumbers: [3] });
  const review2017 = await aReview(prisma, plan.id, 2017, {
    state: 'FINALISED',
    statuses: { [mentor.id]: 'IN_PROGRESS', [fredag.id]: 'DONE', [dropped.id]: 'DROPPED' },
    finalisedById: options.staffId ?? null,
  });
  await prisma.planReview.update({
    where: { id: review2017.id },
    data: { meetingDate: new Date('2017-09-29T00:00:00Z'), meetingPlace: 'Lyngby Rådhus', participants: 'Følgegruppen\nFrivilligcentret' },
  });
  await prisma.planReviewEntry.updateMany({
    where: { reviewId: review2017.id, actionId: mentor.id },
    data: { whatHappened: '12 mentorpar i gang.', evidence: 'https://example.org/mentor', nextStep: 'Fortsæt i 2018', indicatorActual: 12 },
  });
  await prisma.committeeDecision.create({
    data: {
      reviewId: review2017.id,
      committee: 'Social- og Sundhedsudvalget',
      meetingDate: new Date('2017-11-08T00:00:00Z'),
      reference: '17/1234',
      decision: 'Taget til efterretning.',
    },
  });
  await prisma.reviewAmendment.create({
    data: {
      reviewId: review2017.id,
      actionId: dropped.id,
      field: 'status',
      before: 'POSTPONED',
      after: 'DROPPED',
      reason: 'Fejl i referatet',
      amendedById: options.staffId ?? null,
      amendedAt: new Date('2017-12-01T10:00:00Z'),
    },
  });
  const mentor2018 = await anAction(prisma, plan.id, {
    year: 2018,
    title: 'Mentorordning for nye frivillige',
    goalNumbers: [1],
    associationIds: [spire.id],
    carriedFromId: mentor.id,
  });
  const newIn2018 = await anAction(prisma, plan.id, { year: 2018, title: 'Frivilligpris', goalNumbers: [2] });
  const review2018 = await aReview(prisma, plan.id, 2018, { statuses: { [mentor2018.id]: 'DONE' } });
  // The new action has no entry yet: "not reviewed".
  await prisma.planReviewEntry.deleteMany({ where: { reviewId: review2018.id, actionId: newIn2018.id } });
  await prisma.planReviewPartnerEntry.create({
    data: {
      reviewId: review2018.id,
      actionId: mentor2018.id,
      associationId: spire.id,
      status: 'IN_PROGRESS',
      comment: 'Vi mangler stadig mentorer i Virum.',
      answeredAt: new Date('2018-09-20T10:00:00Z'),
    },
  });
  return { plan, spire, mentor, fredag, dropped, mentor2018, newIn2018, review2017, review2018 };
}
