// Rules editors (master-data, response and serial rules): each form saves its JSON with PUT
// data-put and, where the API has one, previews it with POST data-preview first; problems name
// the field at fault.
const problemLines = (body) => (body.errors ?? []).map((e) => `${e.path}: ${e.message}`);

async function send(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : {} };
}

for (const form of document.querySelectorAll('form.rules-editor')) {
  const part = (role) => form.querySelector(`[data-role="${role}"]`);
  const show = (text, error = false, examples = []) => {
    const box = part('result');
    box.hidden = false;
    box.className = error ? 'notice error' : 'notice';
    box.textContent = text;
    part('examples').replaceChildren(
      ...examples.map((e) => Object.assign(document.createElement('li'), { textContent: e })),
    );
  };
  const parsed = () => {
    try {
      return JSON.parse(part('json').value);
    } catch (err) {
      show(`Not JSON: ${err.message}`, true);
      return undefined;
    }
  };

  part('preview')?.addEventListener('click', async () => {
    const rules = parsed();
    if (rules === undefined) return;
    const { status, body } = await send('POST', form.dataset.preview, rules);
    if (status !== 200) return show(body.detail ?? `Preview failed (${status})`, true, problemLines(body));
    // Master-data previews count products excluded; response-rule previews count answers changed.
    if ('changed' in body) {
      return show(
        `These rules would change the answer for ${body.changed} of ${body.total} packs.`,
        false,
        body.changes.map((e) => `${e.gtin}, ${e.packs} ${e.state} pack(s): ${e.before} -> ${e.after}`),
      );
    }
    show(
      `These rules would exclude ${body.excluded} of ${body.total} products (${body.selected} selected).`,
      false,
      body.examples.map((e) => `${e.gtin}: ${e.reason}`),
    );
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const rules = parsed();
    if (rules === undefined) return;
    const { status, body } = await send('PUT', form.dataset.put, rules);
    if (status !== 200) return show(body.detail ?? `Not saved (${status})`, true, problemLines(body));
    // `effective` is derived by the server (defaults included): the editor keeps only what is stored.
    const stored = { ...body };
    delete stored.effective;
    part('json').value = JSON.stringify(stored, null, 2);
    show(form.dataset.saved);
  });
}
