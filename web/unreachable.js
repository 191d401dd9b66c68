// The page for when the bank's server does not answer (the proxy is down, or this device is
// offline): it says so in plain words, tries again by itself with growing waits (2, 4, 8, 16, then
// every 30 seconds) and has a button to try at once. As soon as the server answers, the page
// reloads: the app and the sign-in start afresh.
const $ = (id) => document.getElementById(id);

// An edge in front of the proxy answers 502-504 while the proxy itself is down.
const stillDown = (status) => status === 502 || status === 503 || status === 504;

export function createUnreachablePage({ show }) {
  let attempt = 0;
  let timer = 0;
  let shown = false;

  async function tryNow() {
    clearInterval(timer);
    $('unreachable-retry').textContent = 'Trying again…';
    try {
      const r = await fetch('/api/me', { credentials: 'same-origin', cache: 'no-store' });
      if (!stillDown(r.status)) return window.location.reload();
    } catch (e) { /* still unreachable */ }
    attempt += 1;
    wait();
  }

  function wait() {
    const until = Date.now() + Math.min(30, 2 ** attempt) * 1000;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left <= 0) return tryNow();
      $('unreachable-retry').textContent = `Trying again in ${left} second${left === 1 ? '' : 's'}.`;
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  $('unreachable-button').addEventListener('click', tryNow);
  return {
    show() {
      if (shown) return;
      shown = true;
      attempt = 1;
      show();
      $('unreachable-title').focus();
      wait();
    },
    stillDown,
  };
}
