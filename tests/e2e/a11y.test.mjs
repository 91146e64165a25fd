// Accessibility end to end (issue 17 point 10): every page of the release build, with data in it, and each page's
// main sub-routes, checked by axe-core (WCAG 2.0/2.1 A and AA rules). A serious or critical violation fails the test,
// naming the rule, its impact, the element (CSS selector) and the route; a summary line per page counts every
// violation by impact (minor and moderate too). Then the keyboard: the qa editor is used with the Tab key alone and
// the focused element must show a visible outline.
//
// axe is injected with playwright's evaluate (DevTools protocol), which the pages' Content-Security-Policy does not
// govern, so the pages are checked under their real CSP (no bypassCSP).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { TAGS } from './axe.mjs';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { sessionFile, markRecords, backup } from './s26-fixture.mjs';
import { openCollege, pick, waitSaved, exportFile, openProvince } from './registration-pages.mjs';

useServerAndBrowser();

const SHOTS = process.env.A11Y_SHOTS ?? path.join(OUT, 'a11y');
fs.mkdirSync(SHOTS, { recursive: true });

/** Every page's findings: page → { route → violations }, for the summary printed at the end of each test. */
function audit() {
  const found = [];
  return {
    found,
    /** Opens `hash` on `html` (a full load when the page changes), waits for `testid` (or a locator made from the
     *  page), and runs axe there. */
    async check(page, html, hash, testid) {
      const url = `${server.base}${html}${hash}`;
      if (page.url() !== url) await page.goto(url);
      let target;
      try {
        target = typeof testid === 'function' ? testid(page) : page.getByTestId(testid);
        await target.first().waitFor({ timeout: 15_000 });
      } catch (e) {
        throw new Error(`${html}${hash}: no ${target}; the page says: ${(await page.locator('main').textContent()).slice(0, 400)}`);
      }
      await this.run(page, html, hash);
    },
    /** Runs axe on what the page shows now, as route `html` + `hash`. */
    async run(page, html, hash) {
      await page.evaluate(() => document.fonts.ready);
      const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const name = html.replace(/\.html$/, '') || 'index';
      found.push({ page: name, route: `${html}${hash}`, violations: result.violations });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${found.filter((x) => x.page === name).length}.png`) });
    },
    /** Prints the summary and every violation; fails on any serious or critical one. */
    report() {
      const pages = new Map();
      const bad = [];
      for (const { page, route, violations } of found) {
        const counts = pages.get(page) ?? { routes: 0, critical: 0, serious: 0, moderate: 0, minor: 0 };
        counts.routes += 1;
        for (const v of violations) {
          counts[v.impact] = (counts[v.impact] ?? 0) + v.nodes.length;
          for (const n of v.nodes) {
            const c = n.any.find((x) => x.data?.contrastRatio)?.data;
            const detail = c ? ` (${c.fgColor} on ${c.bgColor}: ${c.contrastRatio}, needs ${c.expectedContrastRatio})` : '';
            const line = `${route}  ${v.id} (${v.impact})  ${n.target.join(' ')}  — ${v.help}${detail}`;
            console.log(`[a11y] ${line}`);
            if (v.impact === 'serious' || v.impact === 'critical') bad.push(line);
          }
        }
        pages.set(page, counts);
      }
      for (const [page, c] of pages) {
        console.log(`[a11y] summary ${page}: ${c.routes} routes; critical ${c.critical}, serious ${c.serious}, `
          + `moderate ${c.moderate}, minor ${c.minor}`);
      }
      assert.deepEqual(bad, [], 'no serious or critical accessibility violation');
    },
  };
}

/** A Section 26 standard with a DACUM and bank, a session of 4 candidates with answers and practical marks. */
function s26Fixture() {
  const key = [0, 1, 2, 3];
  const f = sessionFile({
    candidates: 4, key, bank: [11, 12, 13, 14],
    items: [
      { id: '1', title: 'ความเรียบร้อยของแนวเชื่อม', full: '5', type: 'judgement' },
      { id: '5', title: 'สวมอุปกรณ์ป้องกัน', full: '5', type: 'yes_no' },
    ],
    answers: (i) => key.map((k, q) => (i < 3 || q < 2 ? k : (k + 1) % 4)),
    standard: {
      duties: [{
        title: 'เชื่อมชิ้นงาน',
        tasks: [{
          id: 1, title: 'เชื่อมต่อชน', objectives: ['บอกขั้นตอนได้'],
          steps: [
            { id: 1, title: 'เตรียมชิ้นงาน', tools: 'ตะไบ', knowledge: 'ชนิดของรอยต่อ', attitude: 'ละเอียดรอบคอบ', standard: 'ตามแบบ', safety: 'สวมถุงมือ' },
            { id: 2, title: 'เชื่อมแนวแรก', tools: 'เครื่องเชื่อม', knowledge: 'กระแสเชื่อม', attitude: 'ปลอดภัย', standard: 'ไม่มีรูพรุน', safety: 'สวมหน้ากาก' },
          ],
        }],
      }],
      weights: { raters: ['ผู้เชี่ยวชาญ 1'], ratings: { 1: [[3, 3, 3, 3, 3]] } },
      test_length: 4,
      // The session's questions, and four more without a history, so the paper can be drawn whatever the quality flags.
      bank: [11, 12, 13, 14, 21, 22, 23, 24].map((id, q) => ({
        id, task: 1, objective: 0, stem: `คำถาม ${id}`, options: ['1', '2', '3', '4'], key: key[q % 4],
      })),
    },
  });
  const marks = f.candidates.flatMap((c, i) => [0, 1, 2].flatMap((judge) => [
    { candidate: c.id, module: '1', item: '1', judge, value: 3 + (i % 3) },
    { candidate: c.id, module: '1', item: '5', judge, value: i === 3 ? 0 : 1 },
  ]));
  return { ...f, text: backup(f.org, [...f.records, ...markRecords(f.org, 'device-chief', 'นายหัวหน้า ทดสอบ', marks)]) };
}

/** Item-analysis responses (40 candidates × 5 items) and key, as CSV files. */
function iaFiles() {
  const lines = ['candidate,1,2,3,4,5'];
  for (let c = 0; c < 40; c++) {
    lines.push(`S${String(c).padStart(3, '0')},${[0, 1, 2, 3, 4].map((i) => ((c * (i + 3)) % 7 < 4 - (c % 3) ? 'ก' : 'กขคง'[(c + i) % 4])).join(',')}`);
  }
  const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text + '\n', 'utf8') });
  return {
    responses: csv('a11y-responses.csv', lines.join('\n')),
    key: csv('a11y-key.csv', ['item,key', ...[1, 2, 3, 4, 5].map((i) => `${i},ก`)].join('\n')),
  };
}

test('home, qa, s26, s26-session, s26-print, judge and ia with data: no serious or critical axe violation', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const a = audit();

  // College self-assessment: a college with two years, some items ticked and counts entered.
  const code = '1310100001';
  await page.goto(`${server.base}qa.html#/qa`);
  await page.getByTestId('college-code').fill(code);
  await page.getByTestId('college-name').fill('วิทยาลัยเทคนิคทดสอบ');
  await page.getByTestId('college-add').click();
  for (const year of ['2567', '2568']) {
    await page.getByTestId('year-input').fill(year);
    await page.getByTestId('year-add').click();
    await page.getByTestId('ind-1.1').waitFor();
    for (const n of [1, 2, 4]) await page.getByTestId(`item-1.1-${n}`).check();
    await page.getByTestId('num-1.2').fill('200');
    await page.getByTestId('den-1.2').fill('300');
    await waitSaved(page);
    await page.goto(`${server.base}qa.html#/qa/${code}`);
    await page.getByTestId('year-input').waitFor();
  }
  await a.check(page, '', '', 'job-qa');
  assert.equal(await page.title(), 'มาตรฐาน (Mattrathan)');
  await a.check(page, 'qa.html', '#/qa', 'college-list');
  await a.check(page, 'qa.html', `#/qa/${code}`, 'compare-link');
  await a.check(page, 'qa.html', `#/qa/${code}/2568`, 'ind-1.1');
  // Each place has its own title (the last breadcrumb, then the app's name); the home page keeps the name.
  assert.equal(await page.title(), 'ปีการศึกษา 2568 — มาตรฐาน');
  await page.getByTestId('ind-2.3').locator('summary').click();
  await a.run(page, 'qa.html', `#/qa/${code}/2568 (counts open)`);
  await a.check(page, 'qa.html', `#/qa/${code}/2568/report`, 'report');
  await a.check(page, 'qa.html', `#/qa/${code}/compare`, 'compare-table');

  // A Section 26 standard and session with marks, received on the judge page as the chief tester would.
  const f = s26Fixture();
  const file = path.join(OUT, 'a11y-s26-session.json');
  fs.writeFileSync(file, f.text);
  await page.goto(`${server.base}judge.html#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(file);
  await page.getByTestId('judge-sessions').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  await a.run(page, 'judge.html', '#/judge');
  await page.getByTestId('judge-open').click();
  await page.getByTestId('judge-me-1').waitFor();
  await a.run(page, 'judge.html', `#/judge/${f.session} (who)`);
  await page.getByTestId('judge-me-1').click();
  await page.getByTestId('judge-bar').waitFor();
  await a.run(page, 'judge.html', `#/judge/${f.session}`);
  await a.check(page, 'judge.html', `#/judge/${f.session}/chief`, 'chief-board');

  await a.check(page, 's26.html', '#/s26', 's26-create');
  // The editor with its DACUM steps table (a box per column and step), weight ratings, bank and practical items.
  await a.check(page, 's26.html', `#/s26/${f.org}`, 's26-step-1-1-2-title');
  await a.check(page, 's26-print.html', `#/s26/${f.org}/paper`, 's26-paper');
  await a.check(page, 's26-print.html', `#/s26/${f.org}/manual`, 's26-manual');
  await a.check(page, 's26-session.html', `#/s26/session/${f.session}`, 's26-candidates');
  await page.getByTestId('s26-mark-A001').click();
  await page.getByTestId('s26-marking-who').waitFor();
  await a.run(page, 's26-session.html', `#/s26/session/${f.session} (marking A001)`);
  await a.check(page, 's26-session.html', `#/s26/session/${f.session}/summary`, 's26-summary');
  await a.check(page, 's26-session.html', `#/s26/session/${f.session}/report`, 's26-report');
  await a.check(page, 's26-session.html', `#/s26/session/${f.session}/certificates`,
    // A bank under 40 questions makes no certificate: the page then says so.
    (p) => p.locator('[data-testid=s26-cert-A001], [data-testid=s26-cert-none]'));

  // Item analysis: the session, and a data set imported from CSV files.
  await a.check(page, 'ia.html', '#/ia', 'ia-sessions');
  await a.check(page, 'ia.html', `#/ia/session/${f.session}`, 'ia-items');
  await a.check(page, 'ia.html', `#/ia/session/${f.session}/norm-25/report`, 'ia-form19');
  const { responses, key } = iaFiles();
  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-centre').fill('TC-01');
  await page.getByTestId('ia-title').fill('ช่างไฟฟ้า ระดับ 1');
  await page.getByTestId('ia-responses').setInputFiles(responses);
  await page.getByTestId('ia-key').setInputFiles(key);
  await page.getByTestId('ia-import').click();
  await page.getByTestId('ia-items').waitFor();
  const analysis = new URL(page.url()).hash;
  await a.run(page, 'ia.html', analysis);
  await a.check(page, 'ia.html', `${analysis}/report`, 'ia-form19');

  a.report();
  assert.deepEqual(errors, []);
  await context.close();
});

test('reg, reg-province and sync with data: no serious or critical axe violation', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const a = audit();
  const year = '2569';
  await openCollege(page, server.base, { code: '1310016201', name: 'วิทยาลัยเทคนิคทดสอบ ก', province: '13', year });
  await pick(page, 'pvc62', 'ยานยนต์', 12);
  await pick(page, 'hvc63', 'การบัญชี', 5);
  await waitSaved(page);
  await a.run(page, 'reg.html', `#/reg/college/1310016201/${year}`);
  const file = await exportFile(page, 'a11y-registration.json');
  await a.check(page, 'reg.html', `#/reg/college/1310016201/${year}/report`, 'reg-report');
  await a.check(page, 'reg.html', '#/reg', 'reg-college-code');

  await openProvince(page, server.base, '13', year);
  await page.getByTestId('reg-files').setInputFiles([file]);
  await page.getByTestId('import-summary').filter({ hasText: 'เพิ่มใหม่ 1' }).waitFor();
  await page.getByTestId('pc-code').fill('1310016299');
  await page.getByTestId('pc-name').fill('วิทยาลัยเอกชนทดสอบ');
  await page.getByTestId('pc-add').click();
  await page.getByTestId('reason-1310016299').waitFor();
  await a.run(page, 'reg-province.html', `#/reg/province/13/${year}`);
  await a.check(page, 'reg-province.html', `#/reg/province/13/${year}/report`, 'province-report');

  await a.check(page, 'sync.html', '#/sync', 'sync-counts');
  await page.getByTestId('sync-url').fill('https://couch.example.go.th');
  await page.getByTestId('sync-org').fill('1310016201');
  await page.getByTestId('sync-user').fill('mt_1310016201');
  await a.run(page, 'sync.html', '#/sync (form filled)');
  // Not signed in: the conflicts page says why it cannot list them.
  assert.equal(await page.title(), 'ซิงค์ — มาตรฐาน');
  await a.check(page, 'sync.html', '#/sync/conflicts', (p) => p.locator('main .msg.error'));

  a.report();
  assert.deepEqual(errors, []);
  await context.close();
});

/** What the focused element shows: its test id and whether its focus ring is visible (an outline of ≥ 2 px that is
 *  not transparent, or a box shadow). */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { testid: null, visible: false };
    // A file picker's real input is visually hidden: its ring is drawn on the "เลือกไฟล์" button beside it.
    const shown = el.matches('.file-input') ? el.parentElement.querySelector('.file-button') : el;
    const s = getComputedStyle(shown);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !/rgba\(.*, 0\)$/.test(s.outlineColor);
    return { testid: el.dataset.testid ?? el.className ?? el.tagName, tag: el.tagName, visible: outline || s.boxShadow !== 'none' };
  });
}

/** Presses Tab until the element with test id `testid` has the focus (at most `max` presses), checking that every
 *  element the focus passes on the way shows its focus ring. */
async function tabTo(page, testid, max = 40) {
  for (let n = 0; n < max; n++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.ok(f.visible, `the focus ring of ${f.tag} ${f.testid} is visible`);
    if (f.testid === testid) return n + 1;
  }
  throw new Error(`${testid} not reached with ${max} presses of Tab`);
}

test('keyboard only: add a college and a year and tick an item in the qa editor, every focus ring visible', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.base}qa.html#/qa`);
  await page.getByTestId('college-code').waitFor();

  // The first Tab shows the skip link; Enter on it moves the focus to the page's content.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).visible, true);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.screenshot({ path: path.join(SHOTS, 'focus-skip-link.png') });
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

  await tabTo(page, 'college-code');
  await page.keyboard.type('1310100009');
  await tabTo(page, 'college-name');
  await page.keyboard.type('วิทยาลัยแป้นพิมพ์');
  await tabTo(page, 'college-add');
  await page.screenshot({ path: path.join(SHOTS, 'focus-button.png') });
  await page.keyboard.press('Enter');
  await page.getByTestId('year-input').waitFor();
  await tabTo(page, 'year-input');
  await page.keyboard.type('2568');
  await tabTo(page, 'year-add');
  await page.keyboard.press('Enter');
  await page.getByTestId('ind-1.1').waitFor();

  // The editor: Tab to the first item of indicator 1.1 and tick it with the space bar.
  await tabTo(page, 'item-1.1-1', 80);
  await page.screenshot({ path: path.join(SHOTS, 'focus-checkbox.png') });
  await page.keyboard.press('Space');
  assert.equal(await page.getByTestId('item-1.1-1').isChecked(), true);
  await waitSaved(page);
  // The numbers of indicator 1.2 typed from the keyboard.
  await tabTo(page, 'num-1.2', 80);
  await page.keyboard.type('200');
  await tabTo(page, 'den-1.2');
  await page.keyboard.type('300');
  await page.screenshot({ path: path.join(SHOTS, 'focus-number.png') });
  await waitSaved(page);
  assert.equal(await page.getByTestId('score-1.2').textContent(), '4.16');

  await page.reload();
  await page.getByTestId('ind-1.1').waitFor();
  assert.equal(await page.getByTestId('item-1.1-1').isChecked(), true);
  assert.equal(await page.getByTestId('num-1.2').inputValue(), '200');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: a judge opens a session and marks a judgement and a yes/no item, every focus ring visible', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.setViewportSize({ width: 1280, height: 900 });
  // The session as sent to a tablet, with no marks yet.
  const f = s26Fixture();
  const file = path.join(OUT, 'a11y-judge-session.json');
  fs.writeFileSync(file, backup(f.org, f.records));
  await page.goto(`${server.base}judge.html#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(file);
  await page.getByTestId('judge-open').waitFor();

  await tabTo(page, 'judge-open');
  await page.keyboard.press('Enter');
  await page.getByTestId('judge-me-1').waitFor();
  await tabTo(page, 'judge-me-1');
  await page.keyboard.press('Enter');
  await page.getByTestId('judge-bar').waitFor();

  // A judgement item marked 2 with Enter, a yes/no item marked "yes" with the space bar; each says saved.
  for (const [testid, item, key] of [['judge-i1-2', '1', 'Enter'], ['judge-i5-yes', '5', 'Space']]) {
    await tabTo(page, testid, 60);
    await page.screenshot({ path: path.join(SHOTS, `focus-${testid}.png`) });
    await page.keyboard.press(key);
    await page.getByTestId(testid).and(page.locator('[aria-pressed=true]')).waitFor();
    await page.locator(`[data-testid=judge-saved-${item}][data-state=saved]`).waitFor();
  }
  await page.reload();
  await page.getByTestId('judge-bar').waitFor();
  assert.equal(await page.getByTestId('judge-i1-2').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('judge-i5-yes').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});
