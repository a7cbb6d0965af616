// The scan page: a keyboard-wedge scanner (e.g. Zebra DS2200) types the barcode and Enter into
// the focused input; the page sends it to POST /v1/verifications and shows the answer big.
const $ = (id) => document.getElementById(id);
const GS = '\u001d';
let apiKey = sessionStorage.getItem('vrs.apiKey');

async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'x-vrs-channel': 'web', ...init.headers } });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body };
}

async function signIn(key) {
  apiKey = key;
  const { status, body } = await api('/v1/me');
  if (status !== 200) throw new Error(body.detail ?? 'sign-in failed');
  sessionStorage.setItem('vrs.apiKey', key);
  $('who').textContent = `${body.name} · GLN ${body.gln} · ${body.roles.join(', ')}`;
  $('signin').hidden = true;
  $('scan').hidden = false;
  $('signout').hidden = false;
  $('barcode').focus();
}

function show(kind, title, detail) {
  const el = $('answer');
  el.className = kind;
  el.textContent = title;
  if (detail) el.append(Object.assign(document.createElement('small'), { textContent: detail }));
}

function remember(fields, answer) {
  const row = document.createElement('tr');
  for (const text of [new Date().toLocaleTimeString(), fields.gtin ?? '', fields.serial ?? '', fields.lot ?? '', fields.exp ?? '', answer]) {
    row.append(Object.assign(document.createElement('td'), { textContent: text }));
  }
  $('scans').tBodies[0].prepend(row);
}

async function verify(request) {
  show('', 'Verifying…');
  const { status, body } = await api('/v1/verifications', { method: 'POST', body: JSON.stringify(request) });
  if (status === 200) {
    const { verified, verificationFailureReason, additionalInfo = [] } = body.data;
    const detail = [verificationFailureReason, ...additionalInfo].filter(Boolean).join(' · ');
    show(verified ? 'ok' : 'fail', verified ? 'VERIFIED' : 'NOT VERIFIED', `${detail} — responder ${body.responderGLN}`);
    remember(request.barcode ? {} : request, verified ? `verified ${detail}` : `not verified: ${detail}`);
  } else if (status === 404) {
    show('fail', 'UNKNOWN PRODUCT', 'No VRS answers for this GTIN');
    remember(request, 'unknown product');
  } else {
    const errors = (body.errors ?? []).map((e) => (e.ai ? `AI (${e.ai}): ${e.message}` : `${e.path}: ${e.message}`));
    show('problem', body.title ?? `Error ${status}`, errors.join('\n') || body.detail);
  }
}

$('signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  signIn($('apikey').value.trim()).catch((err) => ($('signin-error').textContent = err.message));
});
$('signout').addEventListener('click', () => {
  sessionStorage.removeItem('vrs.apiKey');
  location.reload();
});
// Some wedge scanners send GS as Ctrl+]; a browser would drop it, so put the real character in.
$('barcode').addEventListener('keydown', (e) => {
  if (e.ctrlKey && (e.key === ']' || e.code === 'BracketRight')) {
    e.preventDefault();
    const input = e.target;
    input.setRangeText(GS, input.selectionStart, input.selectionEnd, 'end');
  }
});
$('scan-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const barcode = $('barcode').value;
  $('barcode').value = '';
  if (barcode.trim()) verify({ barcode, gsSubstitute: $('gs-sub').value || undefined }).finally(() => $('barcode').focus());
});
$('m-verify').addEventListener('click', () => {
  verify({ gtin: $('m-gtin').value.trim(), serial: $('m-serial').value.trim(), lot: $('m-lot').value.trim(), exp: $('m-exp').value.trim() });
});
$('history').addEventListener('click', async (e) => {
  e.preventDefault();
  const to = new Date();
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const res = await fetch(`/v1/history?format=csv&from=${from.toISOString()}&to=${to.toISOString()}`, { headers: { authorization: `Bearer ${apiKey}` } });
  const url = URL.createObjectURL(await res.blob());
  Object.assign(document.createElement('a'), { href: url, download: 'vrs-history.csv' }).click();
  URL.revokeObjectURL(url);
});

if (apiKey) signIn(apiKey).catch(() => sessionStorage.removeItem('vrs.apiKey'));
