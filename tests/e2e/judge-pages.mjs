// Page helpers for the judge-tablet journeys (judge.test.mjs, sync-pull.test.mjs).

/** Opens the session on a judge tablet (the app served at `base`), receiving the session file first, as judge `j`. */
export async function openAsJudge(page, base, sessionPath, j) {
  await page.goto(`${base}#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(sessionPath);
  await page.getByTestId('judge-open').click();
  await page.getByTestId(`judge-me-${j}`).click();
  await page.getByTestId('judge-bar').waitFor();
}

/** Taps `testid` and waits until item `item` says its new mark is saved. */
export async function tap(page, testid, item) {
  const badge = page.getByTestId(`judge-saved-${item}`);
  const before = await badge.getAttribute('data-mark');
  await page.getByTestId(testid).click();
  await page.waitForFunction(([el, prev]) => el.dataset.state === 'saved' && el.dataset.mark !== prev,
    [await badge.elementHandle(), before]);
}
