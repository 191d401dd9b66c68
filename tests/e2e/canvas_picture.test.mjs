// The canvas draws only a picture that changed (wasm/views/canvas_picture.h). After any event ImGui
// lays out a few frames to settle; those that would draw what the canvas already shows are not
// drawn (in software WebGL each costs the page's thread a canvas readback), and the canvas keeps
// showing its picture. A change (the theme, the window's size) is drawn.
// Usage: node canvas_picture.test.mjs <bank-proxy binary> <wasm app dir>
import { check, launchBrowser, openPage, press, run, signIn, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);

const frameCounts = (page) => page.evaluate(() => window.bankShell.frameCounts());

// Until the frame loop has paused: no frame ran for half a second.
async function settled(page) {
  let last = await frameCounts(page);
  for (let quiet = 0; quiet < 5;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await frameCounts(page);
    quiet = now.run === last.run ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

const canvasPixels = (page) => page.locator('#canvas').screenshot();

await run(async (cleanup) => {
  const server = await startProxy({ proxyBin, appDir });
  cleanup(async () => server.stop());
  const browser = await launchBrowser();
  cleanup(() => browser.close());
  const { page, errors } = await openPage(browser, server.base + '/');
  await signIn(page, 'customer101', 'demo-101');
  await waitForState(page, (s) => s.phase === 'ready' && s.profile.recommendations.length > 0 &&
    s.text_model.stage !== 'loading');
  await page.mouse.move(5, 795);  // out of the way of every control

  const before = await settled(page);
  check(before.drawn > 0 && before.drawn <= before.run, `the canvas was drawn (${before.drawn} of ${before.run} frames)`);
  const picture = await canvasPixels(page);

  // A resize event with no new size wakes the loop (it cannot know the size stayed) and changes nothing.
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  const woken = await settled(page);
  check(woken.run > before.run, `the loop ran ${woken.run - before.run} frames to settle after the event`);
  check(woken.drawn === before.drawn, `none of them was drawn: the picture was the same (drawn ${before.drawn} -> ${woken.drawn})`);
  check((await canvasPixels(page)).equals(picture), 'the canvas still shows its picture');

  await press(page, '#mirror-theme');
  await waitForState(page, (s) => s.theme === 'dark');
  const themed = await settled(page);
  check(themed.drawn > woken.drawn, `the dark theme was drawn (${themed.drawn - woken.drawn} frames)`);
  check(!(await canvasPixels(page)).equals(picture), 'the canvas shows the dark theme');

  await page.setViewportSize({ width: 1000, height: 760 });
  const resized = await settled(page);
  check(resized.drawn > themed.drawn, `the smaller window was drawn (${resized.drawn - themed.drawn} frames)`);
  const box = await page.locator('#canvas').boundingBox();
  check(Math.round(box.width) === 1000, `the canvas follows the window (${Math.round(box.width)} px wide)`);
  check(errors.length === 0, `no page errors (${errors.join('; ')})`);
});
