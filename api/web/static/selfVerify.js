// Producer console: verify one of the producer's own packs (POST /v1/verifications, channel web)
// and show the answer the way a returns desk would see it.
import { INFO, REASONS } from './answerWords.js';

const form = document.getElementById('verify-form');
const box = document.getElementById('verify-answer');
const part = (role) => box.querySelector(`[data-role="${role}"]`);

function show(kind, verdict, reason = '', info = []) {
  box.className = `answer small ${kind}`;
  part('verdict').textContent = verdict;
  part('reason').textContent = reason;
  part('info').replaceChildren(...info.map((i) => Object.assign(document.createElement('li'), { textContent: i })));
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const pack = Object.fromEntries(['gtin', 'serial', 'lot', 'exp'].map((n) => [n, form.elements[n].value.trim()]));
  show('busy', 'Verifying…');
  let status = 0;
  let body = {};
  try {
    const res = await fetch('/v1/verifications', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vrs-channel': 'web' },
      body: JSON.stringify(pack),
    });
    status = res.status;
    if (res.headers.get('content-type')?.includes('json')) body = await res.json();
  } catch {
    // status 0: said below
  }
  if (status === 200) {
    const info = (body.data.additionalInfo ?? []).map((i) => INFO[i] ?? i);
    const code = body.data.verificationFailureReason;
    if (body.data.verified)
      show(
        'ok',
        'Verified',
        info.length ? 'Verified, with these notes:' : `Answered as responder ${body.responderGLN}`,
        info,
      );
    else show('fail', 'Not verified', code ? `${REASONS[code] ?? code} (${code})` : 'No reason given.', info);
  } else if (status === 404) show('fail', 'Not verified', 'No VRS knows this GTIN: sync its master data first.');
  else if (status === 0) show('unread', 'No answer', 'vrs did not answer (network).');
  else
    show(
      'unread',
      body.title ?? `Error ${status}`,
      body.detail ?? '',
      (body.errors ?? []).map((x) => `${x.path}: ${x.message}`),
    );
});
