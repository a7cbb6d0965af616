// The scan station. A keyboard-wedge scanner types the barcode and Enter into the focused input;
// the page sends it to POST /v1/verifications (the session cookie authenticates it) and shows
// the answer big, with a sound and a flash, and keeps this session's scans.
import { INFO, REASONS } from './answerWords.js';
import { scanHints } from './scanHints.js';

const $ = (id) => document.getElementById(id);
const GS = '\u001d';
const SCANS = 'vrs.scans';
const GS_SUB = 'vrs.gsSubstitute';
const DEVICE_TOKEN = 'vrs.deviceToken';

const AI_NAMES = { '01': 'GTIN', 10: 'lot', 17: 'expiry', 21: 'serial' };
const FIELD_OF_AI = { '01': 'gtin', 10: 'lot', 17: 'exp', 21: 'serial' };

const barcode = $('barcode');
const scans = JSON.parse(sessionStorage.getItem(SCANS) ?? '[]');
const productNames = new Map();

async function api(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', 'x-vrs-channel': 'web', ...init.headers },
  });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body };
}

// --- the always-focused input -------------------------------------------------------------
// Focus goes back to the scan input whenever it would otherwise land nowhere (a click on the
// page, a closed dialog); moving to another control with Tab or a click is left alone.
const refocus = () => {
  const active = document.activeElement;
  if (!active || active === document.body || active.id === 'main') barcode.focus();
};
barcode.addEventListener('blur', () => setTimeout(refocus, 0));
document.addEventListener('click', () => setTimeout(refocus, 0));
window.addEventListener('focus', () => setTimeout(refocus, 0));
barcode.focus();

// Some wedge scanners send GS as Ctrl+]; the browser would drop it, so put the real character in.
barcode.addEventListener('keydown', (e) => {
  if (e.ctrlKey && (e.key === ']' || e.code === 'BracketRight')) {
    e.preventDefault();
    barcode.setRangeText(GS, barcode.selectionStart, barcode.selectionEnd, 'end');
  }
});

// --- answer, sound, flash -----------------------------------------------------------------
let audio;
function beep(kind) {
  try {
    audio ??= new AudioContext();
    const tones = {
      ok: [[880, 0.12]],
      fail: [[220, 0.45]],
      retry: [
        [440, 0.12],
        [440, 0.12],
      ],
      unread: [[330, 0.2]],
    }[kind];
    let at = audio.currentTime;
    for (const [freq, length] of tones) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      osc.type = kind === 'ok' ? 'sine' : 'square';
      gain.gain.setValueAtTime(0.2, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + length);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + length);
      at += length + 0.08;
    }
  } catch {
    // No audio (policy or hardware): the colours still tell.
  }
}

function flash(kind) {
  document.body.classList.remove('flash-ok', 'flash-fail', 'flash-retry', 'flash-unread');
  void document.body.offsetWidth; // restart the animation
  document.body.classList.add(`flash-${kind}`);
}

function showAnswer(kind, verdict, reason, info = []) {
  const box = $('answer');
  box.className = `answer ${kind}`;
  box.dataset.state = kind;
  $('verdict').textContent = verdict;
  $('reason').textContent = reason ?? '';
  $('info').replaceChildren(...info.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  if (kind !== 'busy') {
    beep(kind);
    flash(kind);
  }
}

function showRead(pack, missing = {}) {
  for (const field of ['gtin', 'lot', 'exp', 'serial']) {
    const cell = $(`read-${field}`);
    const row = cell.parentElement;
    row.classList.toggle('missing', field in missing);
    cell.textContent = field in missing ? missing[field] : (pack?.[field] ?? '—');
  }
  $('read-product').textContent = pack?.gtin ? (productNames.get(pack.gtin) ?? '…') : '—';
}

async function showProductName(gtin) {
  if (!gtin) return;
  if (!productNames.has(gtin)) {
    const { status, body } = await api(`/v1/master-data/${encodeURIComponent(gtin)}`);
    const name =
      status === 200
        ? [body.brandName ?? body.regulatedProductName, body.strength, body.dosageForm].filter(Boolean).join(' · ')
        : '';
    productNames.set(gtin, name || 'not in master data');
  }
  $('read-product').textContent = productNames.get(gtin);
}

// Hints from this station's own reading or typing (never from the producer's data).
function showHints(list, hints) {
  list.replaceChildren(...hints.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  list.hidden = hints.length === 0;
}

// --- this session's list ------------------------------------------------------------------
const LABEL = { ok: 'verified', fail: 'not verified', retry: 'retry', unread: 'not read' };
function renderScans() {
  const rows = scans.map((s) => {
    const tr = document.createElement('tr');
    tr.className = `row-${s.kind}`;
    for (const text of [new Date(s.at).toLocaleTimeString(), LABEL[s.kind], s.gtin, s.lot, s.exp, s.serial, s.reason]) {
      tr.append(Object.assign(document.createElement('td'), { textContent: text ?? '' }));
    }
    return tr;
  });
  $('scans').tBodies[0].replaceChildren(...rows.reverse());
  const n = (kind) => scans.filter((s) => s.kind === kind).length;
  $('counts').textContent =
    `${scans.length} ${scans.length === 1 ? 'scan' : 'scans'}: ${n('ok')} verified, ${n('fail')} not verified, ${n('retry')} to retry, ${n('unread')} not read`;
}

function remember(kind, pack, reason) {
  scans.push({
    at: new Date().toISOString(),
    kind,
    gtin: pack?.gtin ?? '',
    lot: pack?.lot ?? '',
    exp: pack?.exp ?? '',
    serial: pack?.serial ?? '',
    reason: reason ?? '',
  });
  sessionStorage.setItem(SCANS, JSON.stringify(scans));
  renderScans();
}

const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
$('download').addEventListener('click', () => {
  const lines = [
    ['time', 'answer', 'gtin', 'lot', 'expiry', 'serial', 'reason'],
    ...scans.map((s) => [s.at, LABEL[s.kind], s.gtin, s.lot, s.exp, s.serial, s.reason]),
  ];
  const blob = new Blob([lines.map((l) => l.map((v) => csvCell(String(v))).join(',')).join('\r\n') + '\r\n'], {
    type: 'text/csv',
  });
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), {
    href: url,
    download: `vrs-scans-${new Date().toISOString().slice(0, 10)}.csv`,
  }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

// --- verifying ----------------------------------------------------------------------------
async function verify(request) {
  showAnswer('busy', 'Verifying…');
  let res;
  try {
    res = await api('/v1/verifications', { method: 'POST', body: JSON.stringify(request) });
  } catch {
    res = { status: 0, body: {} };
  }
  const { status, body } = res;
  const typed =
    request.barcode === undefined
      ? { gtin: request.gtin, lot: request.lot, exp: request.exp, serial: request.serial }
      : undefined;
  const verifiedNow = status === 200 && body.data?.verified;
  showHints(
    $('hints'),
    verifiedNow
      ? []
      : scanHints({
          code: request.barcode,
          gsSubstitute: request.gsSubstitute,
          pack: body.pack ?? typed,
          status,
          errors: body.errors,
        }),
  );
  if (status === 200) {
    const pack = body.pack ?? typed;
    showRead(pack);
    const info = (body.data.additionalInfo ?? []).map((i) => INFO[i] ?? i);
    if (body.data.verified) {
      showAnswer(
        'ok',
        'Verified',
        info.length ? 'Verified, with notes from the manufacturer:' : `Answered by ${body.responderGLN}`,
        info,
      );
      remember('ok', pack, info.join('; '));
    } else {
      const code = body.data.verificationFailureReason;
      const reason = `${REASONS[code] ?? code} (${code})`;
      showAnswer('fail', 'Not verified', reason, info);
      remember('fail', pack, [reason, ...info].join('; '));
    }
    await showProductName(pack?.gtin);
  } else if (status === 404) {
    showRead(body.pack ?? typed);
    void showProductName((body.pack ?? typed)?.gtin);
    showAnswer('fail', 'Not verified', 'No VRS knows this GTIN: the product is not in the network.');
    remember('fail', body.pack ?? typed, 'unknown GTIN');
  } else if (status === 502 || status === 503 || status === 504 || status === 0) {
    const detail = status === 0 ? 'vrs itself did not answer (network).' : (body.detail ?? body.title);
    showRead(body.pack ?? typed);
    void showProductName((body.pack ?? typed)?.gtin);
    showAnswer('retry', 'Partner unreachable: retry', detail);
    remember('retry', body.pack ?? typed, detail);
  } else if (status === 401) {
    showAnswer('unread', 'Signed out', 'Your session ended: sign in again.');
    location.assign('/');
  } else {
    const errors = body.errors ?? [];
    const missing = {};
    for (const e of errors)
      if (e.code === 'missing_ai' && FIELD_OF_AI[e.ai])
        missing[FIELD_OF_AI[e.ai]] = `missing: AI (${e.ai}) ${AI_NAMES[e.ai]}`;
    showRead(body.pack ?? typed, missing);
    void showProductName(body.pack?.gtin);
    const lines = errors.map((e) => (e.ai ? `AI (${e.ai}): ${e.message}` : e.message));
    const verdict = status === 400 ? 'Could not read this code' : (body.title ?? `Error ${status}`);
    showAnswer('unread', verdict, lines.length ? '' : body.detail, lines);
    remember('unread', body.pack ?? typed, lines.join('; ') || body.detail);
  }
}

const gsSub = $('gs-sub');
gsSub.value = localStorage.getItem(GS_SUB) ?? gsSub.value;
gsSub.addEventListener('change', () => localStorage.setItem(GS_SUB, gsSub.value));

$('scan-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = barcode.value;
  barcode.value = '';
  barcode.focus();
  if (code.trim()) void verify({ barcode: code, ...(gsSub.value && { gsSubstitute: gsSub.value }) });
});

$('manual-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const field = (name) => String(form.get(name) ?? '').trim();
  void verify({ gtin: field('gtin'), serial: field('serial'), lot: field('lot'), exp: field('exp') }).then(() =>
    barcode.focus(),
  );
});
$('settings-form').addEventListener('submit', (e) => e.preventDefault());
// Typing a four-digit year or a lower-case lot is caught while typing, before the form refuses or sends it.
for (const id of ['m-lot', 'm-exp'])
  $(id).addEventListener('input', () =>
    showHints($('manual-hints'), scanHints({ pack: { lot: $('m-lot').value, exp: $('m-exp').value }, status: 0 })),
  );

// --- camera (where the browser can read DataMatrix itself) --------------------------------
let stream;
async function startCamera() {
  const detector = new window.BarcodeDetector({ formats: ['data_matrix'] });
  stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  const video = $('camera-view');
  video.srcObject = stream;
  $('camera-box').hidden = false;
  await video.play();
  while (stream) {
    const [code] = await detector.detect(video).catch(() => []);
    if (code) {
      stopCamera();
      await verify({ barcode: code.rawValue });
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
function stopCamera() {
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = undefined;
  $('camera-box').hidden = true;
  barcode.focus();
}
if ('BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia) {
  window.BarcodeDetector.getSupportedFormats?.().then((formats) => {
    if (!formats.includes('data_matrix')) return;
    $('camera').hidden = false;
    $('camera').addEventListener('click', () =>
      startCamera().catch((err) => showAnswer('unread', 'Camera unavailable', err.message)),
    );
    $('camera-stop').addEventListener('click', stopCamera);
  });
}

// --- this handheld as a registered device -------------------------------------------------
const register = $('device-register');
if (register) {
  const state = $('device-state');
  const describe = () => {
    const kept = localStorage.getItem(DEVICE_TOKEN);
    state.textContent = kept
      ? 'This handheld keeps a device token and signs itself in.'
      : 'Register this handheld as a device: it then signs itself in with its own token, kept only here.';
    register.hidden = Boolean(kept);
  };
  describe();
  register.addEventListener('click', async () => {
    const name = prompt('A name for this handheld (for example: returns desk 2)');
    if (!name) return;
    const { status, body } = await api('/v1/devices', {
      method: 'POST',
      body: JSON.stringify({ name, model: navigator.userAgentData?.platform ?? undefined }),
    });
    if (status === 201) localStorage.setItem(DEVICE_TOKEN, body.token);
    else state.textContent = body.detail ?? `Could not register (${status})`;
    describe();
  });
}
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

renderScans();
