// Window sizes: phones to large monitors, and kiosk or full-screen windows that are exactly the size
// of the screen (where Emscripten's GLFW used to request full screen for the canvas, covering the
// sign-in form and warning on every frame). Each window signs in with the HTML form and shows the
// first product card on a canvas that fills the window, covers nothing else and never goes full
// screen.
// Usage: node window_sizes.test.mjs <bank-proxy binary> <wasm app dir>
import { check, launchBrowser, openPage, screenshot, signIn, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);

// [width, height, device pixel ratio, the window is the whole screen]
const windows = [
  [360, 640, 3, true],
  [390, 844, 3, false],
  [1024, 768, 1, true],
  [1366, 768, 1, true],
  [1440, 900, 1, true],
  [1920, 1080, 1, true],
  [1280, 800, 1, false],
  [1280, 800, 2, false],
  [2560, 1440, 1, true],
];

// Which element the user sees (and would click) at a few points across the window.
async function topElements(page, width, height) {
  return page.evaluate(([w, h]) => [[0.5, 0.5], [0.1, 0.9], [0.9, 0.15]].map(([x, y]) => {
    const el = document.elementFromPoint(w * x, h * y);
    return el ? el.id || el.tagName.toLowerCase() : 'nothing';
  }), [width, height]);
}

const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();
try {
  for (const [width, height, scale, kiosk] of windows) {
    const label = `${width}x${height} @${scale}x${kiosk ? ', window = screen' : ''}`;
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale,
      screen: kiosk ? { width, height } : { width: Math.max(width, 1920), height: Math.max(height, 1200) } });
    const warnings = [];
    // Chromium itself logs HTTP error statuses (401 from /api/me before sign-in) and the software
    // GL driver's performance notes; neither comes from the page.
    context.on('console', (m) => {
      if ((m.type() === 'warning' || m.type() === 'error') && !/Failed to load resource|GL Driver Message/.test(m.text())) {
        warnings.push(m.text());
      }
    });
    const { page, errors } = await openPage(context, server.base + '/');
    check(await page.evaluate(() => [screen.width, screen.height, innerWidth, innerHeight].join()) ===
      (kiosk ? [width, height, width, height].join() : [Math.max(width, 1920), Math.max(height, 1200), width, height].join()),
    `${label}: the browser reports the screen and window asked for`);

    await page.waitForSelector('#sign-in-form:not([hidden])', { timeout: 30000 });
    const form = await page.locator('#sign-in-form').boundingBox();
    check(form.x >= 0 && form.x + form.width <= width && form.y >= 0,
      `${label}: the sign-in card fits the window (${Math.round(form.width)} px wide)`);
    if (width === 390) console.log('screenshot:', await screenshot(page, 'sign-in-phone'));
    if (width === 1280 && scale === 1) console.log('screenshot:', await screenshot(page, 'sign-in'));
    await signIn(page, 'customer101', 'demo-101');  // a covered form would make these clicks fail
    await waitForState(page, (s) => s.phase === 'ready' && s.profile.recommendations.length > 0);
    // The frame after the state change has been drawn: the canvas shows the cards.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

    const canvas = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      const r = c.getBoundingClientRect();
      return { w: c.width, h: c.height, css: [r.left, r.top, r.width, r.height], fullscreen: !!document.fullscreenElement,
        parent: c.parentElement.id };
    });
    check(!canvas.fullscreen, `${label}: nothing asked for full screen`);
    check(canvas.parent === 'visual-view', `${label}: the canvas stays where the page put it`);
    check(canvas.css.join() === [0, 0, width, height].join(), `${label}: the canvas fills the window (${canvas.css.join()})`);
    check(canvas.w === Math.round(width * scale) && canvas.h === Math.round(height * scale),
      `${label}: the canvas draws at device resolution (${canvas.w}x${canvas.h})`);
    const top = await topElements(page, width, height);
    check(top.every((id) => id === 'canvas'), `${label}: the cards are what the user sees (${top.join(', ')})`);
    if (width === 1366) console.log('screenshot:', await screenshot(page, 'kiosk-1366x768'));
    check(warnings.length === 0, `${label}: no console warnings (${warnings.slice(0, 3).join(' | ')})`);
    check(errors.length === 0, `${label}: no page errors (${errors.join(' | ')})`);
    await context.close();
  }
} finally {
  await browser.close();
  server.stop();
}
