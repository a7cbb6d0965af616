// Sign-in page. A handheld registered as a device keeps its device token in this browser's
// storage (the device's own credential, issued for it alone) and signs itself in with it.
const $ = (id) => document.getElementById(id);
const DEVICE_TOKEN = 'vrs.deviceToken';

const token = localStorage.getItem(DEVICE_TOKEN);
const box = $('device-signin');
if (token && box) {
  box.hidden = false;
  const signIn = () => {
    $('token').value = token;
    $('signin-form').requestSubmit();
  };
  $('device-use').addEventListener('click', signIn);
  $('device-forget').addEventListener('click', () => {
    localStorage.removeItem(DEVICE_TOKEN);
    box.hidden = true;
  });
  // Straight back in after an expired session; not right after the person signed out.
  if (box.dataset.signedOut !== 'true' && !document.getElementById('signin-error')) signIn();
}
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});
// Signing out ends the scan session's list too.
if (new URLSearchParams(location.search).get('signedOut') === '1') sessionStorage.removeItem('vrs.scans');
