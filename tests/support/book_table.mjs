// The banker's book table on the canvas, as the tests and benchmarks use it.
import { waitForState } from './browser.mjs';

// Clicks a control of the book table where the app drew it (book_view.controls: CSS pixels in the
// canvas), as a banker would: move, press, release. `beforeRelease` runs while the button is
// down (the app acts on release), e.g. to note the time; its result is returned.
export async function clickBookControl(page, name, beforeRelease = async () => undefined) {
  const state = await waitForState(page, (s, n) => s.book_view.controls[n], name);
  const r = state.book_view.controls[name];
  const canvas = await page.locator('#canvas').boundingBox();
  await page.mouse.move(canvas.x + r.x + r.width / 2, canvas.y + r.y + r.height / 2);
  await page.waitForTimeout(100);
  await page.mouse.down();
  await page.waitForTimeout(60);
  const result = await beforeRelease();
  await page.mouse.up();
  return result;
}
