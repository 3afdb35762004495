// The columns of an association's profile, as one Prisma select: the public profile,
// the members' edit form, the staff review and the profile's audit all read the same
// fields.
import type { Prisma } from '../../generated/prisma/client.js';

export const PROFILE_SELECT = {
  name: true,
  organisationType: true,
  description: true,
  contactName: true,
  email: true,
  phone: true,
  websiteUrl: true,
  cvr: true,
} as const satisfies Prisma.AssociationSelect;
