import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { SESSION_COOKIE } from '../auth/webSessions.js';
import { principalOf } from '../middleware/authenticate.js';
import { isSameOrigin } from '../middleware/sameOrigin.js';
import { PAGE_SECURITY, renderPage } from '../web/render.js';
import { loadStaticAssets } from '../web/staticAssets.js';
import { ScanStationPage } from '../web/pages/ScanStation.js';
import { SignInPage } from '../web/pages/SignIn.js';
import { homeOf, viewerOf } from '../web/pages/viewer.js';
import { messagePage, page } from '../web/pageGuard.js';
import { producerPages } from './webProducer.js';
import { operatorPages } from './webOperator.js';

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** The web UI: sign-in and sign-out, the scan station, the producer and operator consoles, and their client files. */
export function webRoutes(deps: ApiDeps) {
  const assets = loadStaticAssets();
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const viewer = viewerOf(c.get('principal'));
    if (viewer) return c.redirect(homeOf(viewer), 303);
    return renderPage(c, <SignInPage signedOut={c.req.query('signedOut') === '1'} />);
  });

  app.post('/web/sign-in', async (c) => {
    // Login CSRF: only our own sign-in form may start a session.
    if (!isSameOrigin(c, deps.config.PUBLIC_URL))
      return renderPage(c, <SignInPage error="Sign in from the vrs page itself." />, 403);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const principal = token
      ? await principalOf({ credentials: deps.credentials, adminToken: deps.config.VRS_ADMIN_TOKEN }, token)
      : undefined;
    const viewer = viewerOf(principal);
    if (!viewer)
      return renderPage(
        c,
        <SignInPage error="That key was not recognised: check it, or ask for a new one if it was revoked." />,
        401,
      );
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) deps.webSessions.end(previous);
    setCookie(c, SESSION_COOKIE, deps.webSessions.create(token), {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: isHttps(c),
    });
    return c.redirect(homeOf(viewer), 303);
  });

  app.post('/web/sign-out', (c) => {
    if (!isSameOrigin(c, deps.config.PUBLIC_URL))
      return messagePage(
        c,
        viewerOf(c.get('principal')),
        403,
        'Sign out from the vrs page',
        'Sign out with the button on a vrs page.',
      );
    const id = getCookie(c, SESSION_COOKIE);
    if (id) deps.webSessions.end(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
    return c.redirect('/?signedOut=1', 303);
  });

  app.get(
    '/scan',
    page(
      (v) => v.kind === 'company',
      'The scan station is for companies: sign in with an API key.',
      (c, viewer) =>
        renderPage(
          c,
          <ScanStationPage
            viewer={viewer}
            canRegisterDevice={viewer.kind === 'company' && viewer.roles.includes('consumer') && !viewer.device}
          />,
        ),
    ),
  );

  app.route('/', producerPages(deps));
  app.route('/', operatorPages(deps));

  // The service worker lives at the root so its scope covers every page.
  app.get('/sw.js', (c) => {
    const sw = assets.get('sw.js');
    return sw
      ? c.body(sw.body, 200, { 'Content-Type': sw.type, 'Cache-Control': 'no-cache', ...PAGE_SECURITY })
      : c.notFound();
  });
  app.get('/web/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'no-cache', ...PAGE_SECURITY });
  });
  return app;
}
