import { Layout } from './Layout.js';

/** API key, device token or operator token; the device script may fill and submit it (PWA). */
export function SignInPage(props: { error?: string; signedOut?: boolean }) {
  return (
    <Layout title="Sign in" scripts={['signin.js']}>
      <section class="signin card">
        <h1>Sign in</h1>
        <form method="post" action="/web/sign-in" id="signin-form">
          <label for="token">API key, device token or operator token</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            required
            aria-describedby={props.error ? 'signin-error' : undefined}
          />
          <button type="submit">Sign in</button>
          {props.error && (
            <p id="signin-error" class="error" role="alert">
              {props.error}
            </p>
          )}
        </form>
        <div id="device-signin" class="device" hidden data-signed-out={props.signedOut ? 'true' : 'false'}>
          <p>This handheld keeps a device token.</p>
          <button type="button" id="device-use">
            Sign in as this device
          </button>{' '}
          <button type="button" id="device-forget" class="secondary">
            Forget this device
          </button>
        </div>
      </section>
    </Layout>
  );
}
