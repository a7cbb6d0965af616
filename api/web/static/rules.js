// Master-data rules editor: preview what the rules would exclude (POST /v1/rules/master-data/preview)
// before saving them (PUT /v1/rules/master-data); problems name the field at fault.
const $ = (id) => document.getElementById(id);

function show(text, error = false, examples = []) {
  const box = $('rules-result');
  box.hidden = false;
  box.className = error ? 'notice error' : 'notice';
  box.textContent = text;
  $('rules-examples').replaceChildren(...examples.map((e) => Object.assign(document.createElement('li'), { textContent: e })));
}

function parsed() {
  try {
    return JSON.parse($('rules').value);
  } catch (err) {
    show(`Not JSON: ${err.message}`, true);
    return undefined;
  }
}

async function send(method, path, body) {
  const res = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const problemLines = (body) => (body.errors ?? []).map((e) => `${e.path}: ${e.message}`);

$('rules-preview').addEventListener('click', async () => {
  const rules = parsed();
  if (rules === undefined) return;
  const { status, body } = await send('POST', '/v1/rules/master-data/preview', rules);
  if (status !== 200) return show(body.detail ?? `Preview failed (${status})`, true, problemLines(body));
  show(
    `These rules would exclude ${body.excluded} of ${body.total} products (${body.selected} selected).`,
    false,
    body.examples.map((e) => `${e.gtin}: ${e.reason}`),
  );
});

$('rules-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const rules = parsed();
  if (rules === undefined) return;
  const { status, body } = await send('PUT', '/v1/rules/master-data', rules);
  if (status !== 200) return show(body.detail ?? `Not saved (${status})`, true, problemLines(body));
  $('rules').value = JSON.stringify(body, null, 2);
  show('Saved: they apply from the next master-data sync.');
});
