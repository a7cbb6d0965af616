import type { Child } from 'hono/jsx';
import { navOf, type Viewer } from './viewer.js';

/** The frame of every page: header with navigation and sign-out, then the page's main content. */
export function Layout(props: {
  title: string;
  viewer?: Viewer | undefined;
  path?: string;
  scripts?: string[];
  children?: Child;
}) {
  const { viewer } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · vrs`}</title>
        <link rel="stylesheet" href="/web/styles.css" />
        <link rel="manifest" href="/web/manifest.webmanifest" />
        <link rel="icon" href="/web/icon.svg" type="image/svg+xml" />
        <meta name="theme-color" content="#0b3d62" />
        {(props.scripts ?? []).map((s) => (
          <script type="module" src={`/web/${s}`}></script>
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <span class="brand">vrs</span>
          {viewer && (
            <nav aria-label="Main">
              <ul>
                {navOf(viewer).map((l) => (
                  <li>
                    <a href={l.href} aria-current={props.path === l.href ? 'page' : undefined}>
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {viewer && (
            <span class="who">
              {viewer.kind === 'operator'
                ? 'Operator'
                : `${viewer.name} · GLN ${viewer.gln}${viewer.device ? ' · this device' : ''}`}
            </span>
          )}
          {viewer && (
            <form method="post" action="/web/sign-out" class="signout">
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
