import { hasRole, type Principal } from '../../platform/auth/roles.ts';
import { adminLinkMessages } from './directory-admin.messages.ts';

/**
 * Who keeps the social map current. Everything requires a professional with a passed second
 * factor in a chosen municipality.
 * - An organisation's administrator or social-map editor edits the entries their organisation
 *   owns (directory_organizations.owner_organisation_id), and handles reports on them.
 * - The network coordinator of the municipality reviews new entries and changes, and sees the
 *   freshness of the whole map. Approving is never open to editors: the second pair of eyes is
 *   the point.
 * Refusals are 404, so ids of other organisations' entries reveal nothing.
 */
function ready(p: Principal): boolean {
  return p.kind === 'professional' && p.secondFactor && p.tenantId !== null;
}

const EDITOR_ROLES = ['organisationAdmin', 'directoryEditor'] as const;

/** The organisations whose entries this person edits, in the municipality they work in now. */
export function editableOrganisations(p: Principal): string[] {
  if (!ready(p)) return [];
  return [
    ...new Set(
      p.memberships
        .filter(
          (m) => m.tenantId === p.tenantId && m.organisationId && m.roles.some((r) => (EDITOR_ROLES as readonly string[]).includes(r)),
        )
        .map((m) => m.organisationId as string),
    ),
  ];
}

export function canEditFor(p: Principal, ownerOrganisationId: string | null): boolean {
  return ownerOrganisationId !== null && editableOrganisations(p).includes(ownerOrganisationId);
}

export function canEditAny(p: Principal): boolean {
  return editableOrganisations(p).length > 0;
}

export function canReview(p: Principal): boolean {
  return ready(p) && hasRole(p, 'networkCoordinator');
}

/** The links of the administration home (/beheer) for keeping the social map current, by role. */
export function directoryAdminLinks(p: Principal, locale: 'nl' | 'en'): { href: string; label: string }[] {
  const m = adminLinkMessages[locale];
  const links: { href: string; label: string }[] = [];
  if (canEditAny(p)) {
    links.push({ href: '/beheer/sociale-kaart/mijn-aanbod', label: m.own }, { href: '/beheer/sociale-kaart/meldingen', label: m.reports });
  }
  if (canReview(p)) {
    links.push(
      { href: '/beheer/sociale-kaart/beoordelen', label: m.queue },
      { href: '/beheer/sociale-kaart/actualiteit', label: m.overview },
    );
  }
  return links;
}
