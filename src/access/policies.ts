// Who may do what, one policy per resource. Routes (through access-control.ts),
// services and views ask these functions and nothing else: a rule lives in one place.
//
// Rules:
// - Staff area (/medarbejder…), association review, municipal events: staff and admins.
// - An association's own area (/min-forening/:associationId…), its openings,
//   activities and the interests in its openings: that association's members, and admins.
// - "Min side": any logged-in user.
// - Municipality-wide settings (the agreement template): admins edit; staff read.
// - Collaboration agreements: staff and admins write the drafts.
import type { AuthenticatedUser } from '../features/auth/authenticated-user.js';

type User = AuthenticatedUser | undefined | null;

const isStaff = (user: User): boolean => !!user && (user.role === 'STAFF' || user.role === 'ADMIN');
const isAdmin = (user: User): boolean => !!user && user.role === 'ADMIN';

export const staffPolicy = {
  /** The staff area and its start page. */
  canUseStaffArea: isStaff,
};

export const adminPolicy = {
  /** Edit the municipality's templates (the collaboration-agreement template). */
  canManageTemplates: isAdmin,
  /** The administration area (/administration…): accounts, settings, vocabularies,
   * retention, the audit log, erasure. */
  canAdminister: isAdmin,
};

export const associationPolicy = {
  /** Edit the profile, members, openings, activities; see interests. */
  canManage: (user: User, associationId: number): boolean => isAdmin(user) || (!!user && user.associationIds.includes(associationId)),
  /** Approve or reject a registration. */
  canReview: isStaff,
  /** Suspend, archive or reinstate an approved association: the municipality's decision. */
  canChangeStatus: isStaff,
  /** "Min side" lists the user's associations. */
  hasOwnAssociations: (user: User): boolean => !!user && user.role === 'ASSOCIATION_MEMBER',
};

export const openingPolicy = {
  /** Edit, publish, close; preview while not public. */
  canManage: (user: User, opening: { associationId: number }): boolean => associationPolicy.canManage(user, opening.associationId),
};

export const interestPolicy = {
  /** Citizens' interests are personal data: only the association of the opening, and admins. */
  canSee: (user: User, interest: { associationId: number }): boolean => associationPolicy.canManage(user, interest.associationId),
};

export const activityPolicy = {
  canManage: (user: User, activity: { associationId: number }): boolean => associationPolicy.canManage(user, activity.associationId),
};

export const eventPolicy = {
  /** Municipality-wide events are the municipality's. */
  canManage: isStaff,
};

export const agreementPolicy = {
  /** Write collaboration-agreement drafts: the municipality's staff. */
  canDraft: isStaff,
};

/** What views may ask (res.locals.can), for the logged-in reader. */
export function permissionsFor(user: User) {
  return {
    useStaffArea: staffPolicy.canUseStaffArea(user),
    manageTemplates: adminPolicy.canManageTemplates(user),
    administer: adminPolicy.canAdminister(user),
    draftAgreements: agreementPolicy.canDraft(user),
    haveOwnAssociations: associationPolicy.hasOwnAssociations(user),
    manageAssociation: (associationId: number) => associationPolicy.canManage(user, associationId),
  };
}

export type Permissions = ReturnType<typeof permissionsFor>;
