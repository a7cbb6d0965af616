import type { Principal } from '../../auth/principal.js';

/** Who is looking at a page, as the pages need it: which consoles to offer and what to show. */
export type Viewer =
  { kind: 'operator' } | { kind: 'company'; name: string; gln: string; roles: readonly string[]; device: boolean };

export function viewerOf(principal: Principal | undefined): Viewer | undefined {
  if (principal?.kind === 'operator') return { kind: 'operator' };
  if (principal?.kind === 'company') {
    const { company, deviceId } = principal;
    return { kind: 'company', name: company.name, gln: company.gln, roles: company.roles, device: deviceId !== null };
  }
  return undefined;
}

/** Where a viewer lands after sign-in. */
export function homeOf(viewer: Viewer): string {
  if (viewer.kind === 'operator') return '/operator';
  return viewer.roles.includes('consumer') || viewer.device ? '/scan' : '/producer';
}

export interface NavLink {
  href: string;
  label: string;
}

export function navOf(viewer: Viewer): NavLink[] {
  if (viewer.kind === 'operator') {
    return [
      { href: '/operator', label: 'Companies' },
      { href: '/operator/partners', label: 'Partners' },
      { href: '/operator/directory', label: 'Directory' },
      { href: '/operator/workflows', label: 'Workflows' },
    ];
  }
  const links: NavLink[] = [{ href: '/scan', label: 'Scan station' }];
  if (viewer.roles.includes('producer') && !viewer.device) {
    links.push(
      { href: '/producer', label: 'Products and syncs' },
      { href: '/producer/rules', label: 'Rules' },
      { href: '/producer/history', label: 'History' },
      { href: '/producer/directory', label: 'Directory' },
    );
  }
  return links;
}
