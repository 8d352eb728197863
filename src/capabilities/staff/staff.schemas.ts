import type { Role } from '../../platform/auth/roles.ts';

/** One person's work for an organisation, as administrators see it. */
export type StaffMember = {
  membershipId: string;
  accountId: string;
  displayName: string;
  email: string;
  roles: Role[];
  membershipDisabled: boolean;
  accountDisabled: boolean;
  invitationPending: boolean;
};
