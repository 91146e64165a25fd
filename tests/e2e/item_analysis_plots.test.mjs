// Option plots by score group (issue 16 point 3) end to end on the release build: import a seeded data set, open the
// plots, check one item's plotted shares against an independent computation of the mid-rank rule, switch to 5
// groups and to the analysis's own groups, and print form (19) with the plots to PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';

useServerAndBrowser();

const LETTERS = ['ก', 'ข', 'ค', 'ง'];
const N = 200;
const ITEMS = 10;

/** A seeded sitting (an LCG): abilities and difficulties, about 3 % blanks; returns the answers as option indices.
 * The key is the same for every `start` (the same test); `keyOf(item, key)` may change an item's key in the key
 * file (the answers still follow the original one). */
function sitting(start = 2026, keyOf = (_, k) => k) {
  let seed = 2026;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const key = Array.from({ length: ITEMS }, () => Math.floor(rand() * 4));
  seed = start;
  const difficulty = Array.from({ length: ITEMS }, () => rand() * 2 - 1);
  const answers = Array.from({ length: N }, () => {
    const ability = rand() * 2 - 1;
    return key.map((k, i) => {
      if (rand() < 0.03) return null;
      return rand() < 0.45 + (ability - difficulty[i]) * 0.5 ? k : Math.floor(rand() * 4);
    });
  });
  return { key: key.map((k, i) => keyOf(i, k)), answers };
}

/** Shares by the mid-rank rule, computed here from scratch: per group, the share choosing each option and blank. */
function expectedShares(key, answers, k, item) {
  const totals = answers.map((row) => row.filter((a, i) => a === key[i]).length);
  const group = totals.map((t) => {
    const below = totals.filter((u) => u < t).length;
    const same = totals.filter((u) => u === t).length;
    return Math.floor((k * (below + same / 2)) / N);
  });
  const used = [...new Set(group)].sort((a, b) => a - b);
  // Half away from zero to hundredths, exactly: round(100 · count / size) with integers.
  const share = (count, size) => (Math.floor((200 * count + size) / (2 * size)) / 100).toFixed(2);
  const lines = {};
  for (const [name, pick] of [...LETTERS.map((l, o) => [l, (a) => a === o]), ['ไม่ตอบ', (a) => a === null]]) {
    lines[name] = used
      .map((g) => {
        const members = answers.filter((_, c) => group[c] === g);
        return share(members.filter((row) => pick(row[item])).length, members.length);
      })
      .join(' ');
  }
  return { lines, sizes: used.map((g) => group.filter((x) => x === g).length) };
}

const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const SHOTS = OUT;

/** Imports a sitting as a data set (item labels `labels`) and waits for its analysis. */
async function importSitting(page, title, { key, answers }, labels = key.map((_, i) => String(i + 1))) {
  const header = 'candidate,' + labels.join(',');
  const rows = answers.map((row, c) => `C${c},` + row.map((a) => (a === null ? '' : LETTERS[a])).join(','));
  const keyCsv = ['item,key', ...key.map((k, i) => `${labels[i]},${LETTERS[k]}`)].join('\n') + '\n';
  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-centre').fill('TC-09');
  await page.getByTestId('ia-title').fill(title);
  await page.getByTestId('ia-options').selectOption('4');
  await page.getByTestId('ia-responses').setInputFiles(csv(`${title}.csv`, [header, ...rows].join('\n') + '\n'));
  await page.getByTestId('ia-key').setInputFiles(csv(`${title}-key.csv`, keyCsv));
  await page.getByTestId('ia-import').click();
  await page.getByTestId('ia-items').waitFor();
}

test('option plots: shares by score group on screen and in the printed form (19)', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { key, answers } = sitting();
  await importSitting(page, 'กราฟตัวเลือก', { key, answers });

  const plots = page.getByTestId('ia-option-plots');
  const lineOf = (item, option) =>
    page.getByTestId(`ia-optplot-${item}`).locator(`g.opt-line[data-option="${option}"]`);
  const plotted = async (item, option) => lineOf(item, option).getAttribute('data-shares');
  // Three groups by default, one plot per item, the key marked.
  assert.equal(await plots.locator('figure.ia-optplot').count(), ITEMS);
  for (const k of [3, 5]) {
    if (k === 5) await page.getByTestId('ia-plot-groups').selectOption('5');
    const want = expectedShares(key, answers, k, 0);
    await page.getByTestId('ia-optplot-groups').filter({ hasText: `${want.sizes.at(-1)} คน` }).waitFor();
    for (const [option, shares] of Object.entries(want.lines)) {
      if (option === 'ไม่ตอบ' && !(await lineOf(1, option).count())) {
        assert.match(shares, /^(0\.00 ?)+$/, 'no blank line only when nobody left item 1 blank');
        continue;
      }
      assert.equal(await plotted(1, option), shares, `k = ${k}, item 1, option ${option}`);
    }
    assert.equal(await lineOf(1, LETTERS[key[0]]).getAttribute('data-key'), 'true');
    const sizes = (await page.getByTestId('ia-optplot-groups').textContent()).match(/(\d+) คน/g).map((s) => parseInt(s));
    assert.deepEqual(sizes, want.sizes);
    assert.equal(sizes.length, k, 'no ties wide enough here to merge groups');
  }
  // The key's share rises from the low group to the high one in this sitting (item 1 discriminates).
  const keyShares = (await plotted(1, LETTERS[key[0]])).split(' ').map(Number);
  assert.ok(keyShares.at(-1) > keyShares[0], `${keyShares}`);
  await plots.screenshot({ path: path.join(SHOTS, 'option-plots-5-groups.png') });

  // The analysis's own groups: lower 25 % (50), the middle 100, upper 50.
  await page.getByTestId('ia-plot-groups').selectOption('0');
  await page.getByTestId('ia-optplot-groups').filter({ hasText: 'กลุ่มกลาง' }).waitFor();
  assert.match(await page.getByTestId('ia-optplot-groups').textContent(), /กลุ่มต่ำ \(\d+–\d+ คะแนน\) 50 คน · กลุ่มกลาง \(\d+–\d+ คะแนน\) 100 คน · กลุ่มสูง \(\d+–\d+ คะแนน\) 50 คน/);
  const upper = (await plotted(1, LETTERS[key[0]])).split(' ');
  assert.equal(upper.length, 3);
  // The upper group's share of the key is the item table's "right in the upper group" over 50.
  const item1 = await page.getByTestId('ia-row-1').locator('td').nth(2).textContent();
  assert.equal(upper[2], (Math.floor((200 * Number(item1) + 50) / 100) / 100).toFixed(2));
  await plots.screenshot({ path: path.join(SHOTS, 'option-plots-analysis-groups.png') });

  // Form (19) with the plots: off by default, one compact plot per item when ticked, printed without cutting one.
  await page.getByTestId('ia-report-link').click();
  await page.getByTestId('ia-form19').waitFor();
  assert.equal(await page.getByTestId('ia-report-option-plots').count(), 0);
  await page.getByTestId('ia-print-plots').check();
  const printed = page.getByTestId('ia-report-option-plots');
  await printed.waitFor();
  assert.equal(await printed.locator('figure.ia-optplot').count(), ITEMS);
  const want = expectedShares(key, answers, 3, 0);
  assert.equal(
    await printed.getByTestId('ia-optplot-1').locator(`g.opt-line[data-option="ก"]`).getAttribute('data-shares'),
    want.lines['ก'],
  );
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(OUT, 'item-analysis-plots.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  assert.ok(fs.statSync(pdf).size > 10_000);
  fs.copyFileSync(pdf, path.join(SHOTS, 'form19-with-plots.pdf'));
  // In print every plot is an inline block (a line box is never split across pages) three to a row.
  const boxes = await printed.locator('figure.ia-optplot').evaluateAll((fs) =>
    fs.map((f) => [getComputedStyle(f).display, Math.round(f.getBoundingClientRect().top)]));
  assert.ok(boxes.every(([d]) => d === 'inline-block'), JSON.stringify(boxes));
  assert.equal(boxes[0][1], boxes[2][1], 'three plots to a row');
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: path.join(SHOTS, 'form19-screen.png'), fullPage: true });

  assert.deepEqual(errors, []);
  await context.close();
});

test('compare two stored data sets: items matched by number, Δp, drift flags, sorting', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.setViewportSize({ width: 1280, height: 900 });
  const a = sitting(2026);
  // The second year: other candidates, item 2's key changed, and its last item numbered 11 instead of 10.
  const b = sitting(7, (i, k) => (i === 1 ? (k + 1) % 4 : k));
  const labelsB = [...Array.from({ length: ITEMS - 1 }, (_, i) => String(i + 1)), '11'];
  const p = async (item) => Number(await page.getByTestId(`ia-p-${item}`).textContent());
  const r = async (item) => Number(await page.getByTestId(`ia-r-${item}`).textContent());
  await importSitting(page, 'ปี 2567', a);
  const before = { p1: await p(1), r1: await r(1) };
  await importSitting(page, 'ปี 2568', b, labelsB);
  const after = { p1: await p(1), r1: await r(1) };

  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-compare-link').click();
  await page.getByTestId('ia-compare-a').waitFor();
  const value = async (side, title) =>
    page.getByTestId(side).locator('option', { hasText: title }).getAttribute('value');
  await page.getByTestId('ia-compare-a').selectOption(await value('ia-compare-a', 'ปี 2567'));
  await page.getByTestId('ia-compare-b').selectOption(await value('ia-compare-b', 'ปี 2568'));
  await page.getByTestId('ia-compare').waitFor();
  assert.match(await page.getByTestId('ia-compare-rules').textContent(), /\|Δp\| ≥ 0\.10.*จำแนกได้ 0\.20 ถึง 1\.00.*จำแนกกลับ -1\.00 ถึง -0\.20/);

  const signed = (x) => (x > 0 ? '+' : '') + x.toFixed(2);
  const dp1 = Math.round((after.p1 - before.p1) * 100) / 100;
  assert.equal(await page.getByTestId('ia-compare-dp-1').textContent(), signed(dp1));
  assert.equal(await page.getByTestId('ia-compare-dr-1').textContent(), signed(Math.round((after.r1 - before.r1) * 100) / 100));
  assert.equal(Math.abs(dp1) >= 0.1, (await page.getByTestId('ia-compare-note-1').textContent()).includes('p เปลี่ยนมาก'));
  assert.match(await page.getByTestId('ia-compare-note-2').textContent(), /เฉลยต่างกัน/);
  assert.equal(await page.getByTestId('ia-compare-note-10').textContent(), 'มีเฉพาะในชุด A');
  assert.equal(await page.getByTestId('ia-compare-note-11').textContent(), 'มีเฉพาะในชุด B');
  assert.equal(await page.getByTestId('ia-compare-dp-10').textContent(), '—');
  const keyName = (k) => LETTERS[k];
  assert.match(
    await page.getByTestId('ia-compare-summary').textContent(),
    new RegExp(`มีเฉพาะในชุด A: 10 · มีเฉพาะในชุด B: 11 · เฉลยต่างกัน: ข้อ 2 \\(A ${keyName(a.key[1])}, B ${keyName(b.key[1])}\\)`),
  );
  const rows = page.getByTestId('ia-compare').locator('tbody > tr');
  assert.equal(await rows.count(), ITEMS + 1);

  // Largest |Δp| first; the one-sided items last.
  await page.getByTestId('ia-compare-sort-dp').click();
  const column = async (n) => rows.evaluateAll((trs, n) => trs.map((tr) => tr.children[n].textContent), n);
  const dps = (await column(5)).slice(0, ITEMS - 1).map((t) => Math.abs(Number(t)));
  assert.deepEqual(dps, [...dps].sort((x, y) => y - x));
  assert.deepEqual((await column(5)).slice(ITEMS - 1), ['—', '—']);
  await page.getByTestId('ia-compare-sort-dr').click();
  const drs = (await column(6)).slice(0, ITEMS - 1).map((t) => Math.abs(Number(t)));
  assert.deepEqual(drs, [...drs].sort((x, y) => y - x));
  await page.screenshot({ path: path.join(SHOTS, 'compare.png'), fullPage: true });

  assert.deepEqual(errors, []);
  await context.close();
});
