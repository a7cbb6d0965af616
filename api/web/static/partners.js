// Operator console, partners: trigger a directory pull now (POST /v1/admin/partners/{id}/pull)
// and test the connection (POST .../test: each step timed, a failure in plain words).
const STEP_NAMES = {
  dns: 'DNS',
  tcp: 'TCP connection',
  tls: 'TLS with our client certificate',
  checkConnectivity: 'Connectivity check',
  verify: 'Sample verification',
};

async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : {} };
}

function note(box, text, error = false) {
  box.replaceChildren(
    Object.assign(document.createElement('p'), { className: error ? 'notice error' : 'notice', textContent: text }),
  );
}

function stepsTable(name, steps) {
  const table = document.createElement('table');
  const caption = Object.assign(document.createElement('caption'), {
    className: 'visually-hidden',
    textContent: `Connection test of ${name}`,
  });
  const head = document.createElement('tr');
  for (const h of ['Step', 'Result', 'Time', 'What was found'])
    head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: h }));
  const body = document.createElement('tbody');
  for (const s of steps) {
    const row = document.createElement('tr');
    row.className = s.ok === true ? 'row-ok' : s.ok === false ? 'row-fail' : '';
    const detail = document.createElement('td');
    detail.append(
      s.detail,
      ...s.warnings.map((w) =>
        Object.assign(document.createElement('p'), { className: 'warning', textContent: `Warning: ${w}` }),
      ),
    );
    row.append(
      Object.assign(document.createElement('td'), { textContent: STEP_NAMES[s.step] ?? s.step }),
      Object.assign(document.createElement('td'), {
        textContent: s.ok === true ? 'passed' : s.ok === false ? 'failed' : 'not run',
      }),
      Object.assign(document.createElement('td'), { textContent: s.ok === null ? '—' : `${Math.round(s.ms)} ms` }),
      detail,
    );
    body.append(row);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  table.append(caption, thead, body);
  const wrap = Object.assign(document.createElement('div'), { className: 'table-wrap', tabIndex: 0 });
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', `Connection test of ${name}`);
  wrap.append(table);
  return wrap;
}

document.addEventListener('click', async (e) => {
  const button = e.target instanceof Element ? e.target.closest('[data-pull], [data-test]') : null;
  if (!button) return;
  const id = button.dataset.pull ?? button.dataset.test;
  const name = button.dataset.name;
  const box = document.getElementById(`partner-result-${id}`);
  button.disabled = true;
  try {
    if (button.dataset.pull) {
      const { status, body } = await post(`/v1/admin/partners/${encodeURIComponent(id)}/pull`);
      if (status === 202)
        note(box, `Pull of ${name}'s directory started (${body.scheduleId}); reload the page to see its counts.`);
      else note(box, body.detail ?? `Could not start a pull (${status}).`, true);
    } else {
      note(box, `Testing the connection to ${name}…`);
      const { status, body } = await post(`/v1/admin/partners/${encodeURIComponent(id)}/test`, {});
      if (status !== 200) return note(box, body.detail ?? `The test did not run (${status}).`, true);
      const failed = body.steps.find((s) => s.ok === false);
      note(
        box,
        body.ok
          ? `${name}: every step passed.`
          : `${name}: ${STEP_NAMES[failed?.step] ?? 'a step'} failed: ${failed?.detail ?? ''}`,
        !body.ok,
      );
      box.append(stepsTable(name, body.steps));
    }
  } catch {
    note(box, 'vrs did not answer (network).', true);
  } finally {
    button.disabled = false;
  }
});
