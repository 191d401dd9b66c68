// The sign-in form: a real form (password managers, phone keyboards and screen readers work with
// it), usable before the app has arrived. It signs in with POST /api/login itself; the app, once
// started, finds the session the cookie carries (GET /api/me). A failed attempt keeps the focus in
// the form and says why; a lockout counts down to when the next attempt is allowed.
const $ = (id) => document.getElementById(id);

function duration(seconds) {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m} min${s ? ` ${s} s` : ''}`;
}

export function createSignIn({ onSignedIn }) {
  let busy = false;
  let lockedUntil = 0;
  let countdown = 0;
  let failures = 0;

  function say(message, field) {
    const box = $('sign-in-message');
    box.textContent = message || '';
    for (const input of [$('username'), $('password')]) {
      if (message && input === field) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (field) {
      field.focus();
      field.select();
    }
  }

  function unlock() {
    clearInterval(countdown);
    lockedUntil = 0;
    $('sign-in-countdown').hidden = true;
    $('sign-in-button').disabled = false;
    say('You can try again now.');
  }

  // The proxy refuses attempts for a while after too many failures (Retry-After): the form says how
  // long, live, and who can help. The countdown itself is not announced every second.
  function lockOut(seconds) {
    lockedUntil = Date.now() + seconds * 1000;
    $('sign-in-help').hidden = false;
    $('sign-in-button').disabled = true;
    say('Too many sign-in attempts: signing in is paused for a moment to protect your account.', $('password'));
    const line = $('sign-in-countdown');
    line.hidden = false;
    const tick = () => {
      const left = Math.ceil((lockedUntil - Date.now()) / 1000);
      if (left <= 0) return unlock();
      line.textContent = `You can try again in ${duration(left)}.`;
    };
    clearInterval(countdown);
    tick();
    countdown = setInterval(tick, 1000);
  }

  async function submit(event) {
    event.preventDefault();
    if (busy || Date.now() < lockedUntil) return;
    const username = $('username');
    const password = $('password');
    if (!username.value.trim()) return say('Enter your username.', username);
    if (!password.value) return say('Enter your password.', password);
    busy = true;
    // Not disabled: a disabled button would drop the focus to the page body.
    const button = $('sign-in-button');
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Signing in…';
    say('');
    try {
      const r = await fetch('/api/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: username.value.trim(), password: password.value }),
      });
      const answer = await r.json().catch(() => ({}));
      if (r.ok) {
        password.value = '';
        failures = 0;
        $('sign-in-help').hidden = true;
        return onSignedIn(answer);
      }
      const message = (answer.error && answer.error.message) || `Sign-in failed (status ${r.status}).`;
      if (r.status === 429) return lockOut(Number(r.headers.get('Retry-After')) || 5);
      failures += 1;
      if (failures >= 2) $('sign-in-help').hidden = false;
      say(message, r.status === 401 ? password : username);
    } catch (e) {
      say("The bank's server could not be reached. Check your connection and try again; nothing was changed.", password);
    } finally {
      busy = false;
      button.removeAttribute('aria-disabled');
      button.textContent = 'Sign in';
    }
  }

  $('sign-in-form').addEventListener('submit', submit);
  return {
    // The app's message (e.g. the session ended); the username typed before stays.
    show(message) {
      const form = $('sign-in-form');
      const wasShown = !form.hidden && !$('sign-in').hidden;
      form.hidden = false;
      $('demo-chooser').hidden = true;
      if (message) say(message);
      if (wasShown && form.contains(document.activeElement)) return;
      const field = $('username').value ? $('password') : $('username');
      field.focus();
    },
    forgetPassword() {
      $('password').value = '';
    },
  };
}
