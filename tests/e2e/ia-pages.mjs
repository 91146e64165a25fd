// Page helpers for the item-analysis journeys (item_analysis.test.mjs, item_analysis_worker.test.mjs).

/** Fills the import form of the page already open on `ia.html#/ia` and starts the import. */
export async function startImport(page, { centre, title, responses, key, options }) {
  await page.getByTestId('ia-centre').fill(centre);
  await page.getByTestId('ia-title').fill(title);
  if (options) await page.getByTestId('ia-options').selectOption(String(options));
  await page.getByTestId('ia-responses').setInputFiles(responses);
  await page.getByTestId('ia-key').setInputFiles(key);
  await page.getByTestId('ia-import').click();
}
