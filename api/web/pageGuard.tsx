import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from './pages/Layout.js';
import { viewerOf, type Viewer } from './pages/viewer.js';
import { renderPage } from './render.js';

export function messagePage(c: Context, viewer: Viewer | undefined, status: 403 | 404, title: string, text: string) {
  return renderPage(
    c,
    <Layout title={title} viewer={viewer}>
      <h1>{title}</h1>
      <p>{text}</p>
    </Layout>,
    status,
  );
}

/**
 * A page handler for signed-in viewers who pass `allowed`; others are sent to sign in (303) or
 * told what the page needs (403).
 */
export function page(
  allowed: (v: Viewer) => boolean,
  need: string,
  render: (c: Context<AppEnv>, viewer: Viewer) => Promise<Response> | Response,
) {
  return async (c: Context<AppEnv>) => {
    const viewer = viewerOf(c.get('principal'));
    if (!viewer) return c.redirect('/', 303);
    if (!allowed(viewer)) return messagePage(c, viewer, 403, 'Not for this sign-in', need);
    return render(c, viewer);
  };
}

export const isCompany = (roles: string[]) => (v: Viewer) =>
  v.kind === 'company' && roles.some((r) => v.roles.includes(r));
