import type { Role } from '../../generated/prisma/enums.js';

/** What the portal knows about the logged-in user on every request (req.user). */
export interface AuthenticatedUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Associations the user is a member of (for association-scoped access). */
  associationIds: number[];
}
