// Producer console: start and cancel syncs, watch running ones (polling GET /v1/syncs/{id}), and
// upload files with a progress bar and the row report. The session cookie authenticates.
const $ = (id) => document.getElementById(id);
const POLL_MS = 1000;

async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body };
}

function say(text, error = false) {
  const box = $('sync-message');
  box.hidden = false;
  box.className = error ? 'notice error' : 'notice';
  box.textContent = text;
}

const percentOf = (s) =>
  s.status === 'completed'
    ? 100
    : s.progress.total > 0
      ? Math.min(100, Math.floor((100 * s.progress.done) / s.progress.total))
      : 0;

function render(row, sync) {
  const pct = percentOf(sync);
  row.dataset.status = sync.status;
  const bar = row.querySelector('[data-role=bar]');
  bar.value = pct;
  bar.textContent = `${pct}%`;
  const eta =
    sync.status === 'running' && sync.progress.etaSec != null
      ? `, about ${Math.ceil(sync.progress.etaSec)} s left`
      : '';
  row.querySelector('[data-role=bar-label]').textContent =
    `${pct}% · ${sync.progress.done.toLocaleString('en-US')} of ${sync.progress.total.toLocaleString('en-US')}${eta}`;
  const status = row.querySelector('[data-role=status]');
  status.textContent = sync.status;
  status.className = `badge ${sync.status}`;
  const counts = Object.entries(sync.counts ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  row.querySelector('[data-role=counts]').textContent = counts || '—';
  if (sync.status !== 'running') row.querySelector('[data-cancel]')?.remove();
}

function watch(row) {
  const id = row.dataset.workflowId;
  const tick = async () => {
    const { status, body } = await api(`/v1/syncs/${encodeURIComponent(id)}`).catch(() => ({ status: 0 }));
    if (status === 200) render(row, body);
    if (status !== 200 || body.status === 'running') setTimeout(tick, POLL_MS);
    else say(`${body.kind} ${body.status}.`, body.status !== 'completed');
  };
  void tick();
}

function addRunningRow(workflowId, kind) {
  const tbody = $('running-syncs').querySelector('tbody');
  if (tbody.querySelector(`tr[data-workflow-id="${CSS.escape(workflowId)}"]`)) return;
  tbody.querySelector('td[colspan]')?.parentElement.remove();
  const row = document.createElement('tr');
  row.dataset.workflowId = workflowId;
  const cell = (...children) => {
    const td = document.createElement('td');
    td.append(...children);
    row.append(td);
    return td;
  };
  const id = Object.assign(document.createElement('span'), { className: 'mono help', textContent: workflowId });
  cell(kind, document.createElement('br'), id);
  cell(
    Object.assign(document.createElement('span'), { className: 'badge running', textContent: 'running' }),
  ).firstChild.dataset.role = 'status';
  const bar = Object.assign(document.createElement('progress'), { max: 100, value: 0, textContent: '0%' });
  bar.dataset.role = 'bar';
  bar.setAttribute('aria-label', `${kind} progress`);
  const label = Object.assign(document.createElement('span'), { className: 'bar-label', textContent: 'starting' });
  label.dataset.role = 'bar-label';
  cell(bar, label);
  cell(new Date().toISOString().slice(0, 19).replace('T', ' '));
  cell('—').dataset.role = 'counts';
  const actions = document.createElement('div');
  actions.className = 'actions';
  cell(actions);
  const base = $('running-syncs').dataset.temporalBase;
  if (base)
    actions.append(
      Object.assign(document.createElement('a'), {
        href: base + encodeURIComponent(workflowId),
        target: '_blank',
        rel: 'noopener',
        textContent: 'Temporal UI',
      }),
    );
  const cancel = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'danger',
    textContent: 'Cancel',
  });
  cancel.dataset.cancel = workflowId;
  actions.append(cancel);
  tbody.prepend(row);
  watch(row);
}

for (const button of document.querySelectorAll('[data-start]')) {
  button.addEventListener('click', async () => {
    const kind = button.dataset.start;
    button.disabled = true;
    const { status, body } = await api(`/v1/syncs/${kind}`, {
      method: 'POST',
      ...(kind === 'serial-backfill' && { body: '{}' }),
    });
    button.disabled = false;
    if (status === 202) {
      say(`Started ${body.workflowId}.`);
      addRunningRow(body.workflowId, kind === 'master-data' ? 'masterDataSync' : 'serialBackfill');
    } else if (status === 409 && body.workflowId) {
      say(`Already running: ${body.workflowId}.`, true);
      addRunningRow(body.workflowId, kind === 'master-data' ? 'masterDataSync' : 'serialBackfill');
    } else say(body.detail ?? `Could not start (${status}).`, true);
  });
}

document.addEventListener('click', async (e) => {
  const id = e.target instanceof Element ? e.target.closest('[data-cancel]')?.dataset.cancel : undefined;
  if (!id) return;
  const { status, body } = await api(`/v1/syncs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  say(
    status === 202
      ? `Canceling ${id}: the pages under way finish first.`
      : (body.detail ?? `Could not cancel (${status}).`),
    status !== 202,
  );
});

for (const row of document.querySelectorAll('#running-syncs tr[data-workflow-id]')) watch(row);

// --- uploads ------------------------------------------------------------------------------
const TYPES = { xml: 'application/xml', csv: 'text/csv', json: 'application/json' };
const RUNNING = ['queued', 'running'];
let refreshing = false;

// The uploads table as the server renders it, again every second while an upload is being read.
async function refreshUploads() {
  if (refreshing) return;
  refreshing = true;
  try {
    for (;;) {
      const res = await fetch('/producer/uploads').catch(() => undefined);
      if (res?.ok) {
        const table = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('.table-wrap');
        if (table) $('uploads').replaceChildren(table);
      }
      const rows = [...$('uploads').querySelectorAll('tr[data-status]')];
      if (res?.ok && !rows.some((r) => RUNNING.includes(r.dataset.status))) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    refreshing = false;
  }
}

$('upload-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const file = $('upload-file').files[0];
  if (!file) return;
  const kind = $('upload-kind').value;
  const type = TYPES[file.name.split('.').pop().toLowerCase()] ?? file.type;
  const bar = $('upload-bar');
  $('upload-status').hidden = false;
  $('upload-errors').hidden = true;
  $('upload-result').textContent = `Uploading ${file.name}…`;
  bar.value = 0;
  const xhr = new XMLHttpRequest();
  xhr.open('POST', kind === 'serials' ? '/v1/serials' : '/v1/master-data');
  xhr.setRequestHeader('content-type', type);
  xhr.upload.addEventListener('progress', (p) => {
    if (p.lengthComputable) bar.value = Math.floor((100 * p.loaded) / p.total);
  });
  xhr.addEventListener('load', () => {
    bar.value = 100;
    let body = {};
    try {
      body = JSON.parse(xhr.responseText);
    } catch {
      // not JSON: the status says enough
    }
    if (xhr.status === 200) {
      $('upload-result').textContent = `${file.name}: ${body.accepted} rows accepted, ${body.rejectedCount} rejected.`;
      if (body.rejectedCount > 0 && body.uploadId) {
        $('upload-errors').href = `/v1/uploads/${encodeURIComponent(body.uploadId)}/errors.csv`;
        $('upload-errors').hidden = false;
      }
    } else if (xhr.status === 202) {
      $('upload-result').textContent =
        `${file.name} is being read in the background: its progress is in Recent uploads.`;
    } else {
      $('upload-result').textContent =
        `${file.name} was refused (${xhr.status}): ${body.detail ?? body.title ?? xhr.statusText}`;
    }
    void refreshUploads();
  });
  xhr.addEventListener('error', () => ($('upload-result').textContent = `${file.name}: the upload did not reach vrs.`));
  xhr.send(file);
});
if ([...$('uploads').querySelectorAll('tr[data-status]')].some((r) => RUNNING.includes(r.dataset.status)))
  void refreshUploads();
