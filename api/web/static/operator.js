// Operator console: issue an API key (shown once, here) and revoke keys, through the admin API.
const $ = (id) => document.getElementById(id);

function say(text, error = false) {
  const box = $('key-message');
  box.hidden = false;
  box.className = error ? 'notice error' : 'notice';
  box.textContent = text;
}

document.addEventListener('click', async (e) => {
  const target = e.target instanceof Element ? e.target.closest('[data-issue], [data-revoke]') : null;
  if (!target) return;
  if (target.dataset.issue) {
    const res = await fetch(`/v1/admin/companies/${encodeURIComponent(target.dataset.issue)}/api-keys`, {
      method: 'POST',
    });
    const body = await res.json();
    if (res.status === 201)
      say(`New key for ${target.dataset.name} (copy it now, it is shown only once): ${body.apiKey}`);
    else say(body.detail ?? `Could not issue a key (${res.status})`, true);
  } else if (confirm('Revoke this key? Scripts and people using it are signed out at once.')) {
    const res = await fetch(
      `/v1/admin/companies/${encodeURIComponent(target.dataset.company)}/api-keys/${encodeURIComponent(target.dataset.revoke)}`,
      { method: 'DELETE' },
    );
    if (res.ok) location.reload();
    else say((await res.json()).detail ?? `Could not revoke (${res.status})`, true);
  }
});
