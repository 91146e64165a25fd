// The practical test paper (issue 14 point 3) and the blank application per standard: a module's time, instructions,
// rules, materials and tools typed in the editor, a drawing attached (a PNG, checked by its bytes and size; a file
// that is not a picture and one over 1 MB refused with the message), kept after a reload, printed on the practical
// paper and in the manual's part (13) with the picture in the PDF, carried by the standard's backup into a fresh
// browser, and a damaged image record in a backup refused naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { backup, defaultItems } from './s26-fixture.mjs';
import { pdfPages, inOrder } from './pdf-text.mjs';

useServerAndBrowser();

const here = path.dirname(fileURLToPath(import.meta.url));
const PNG = path.resolve(here, '../../public/icon-512.png');
const squeeze = (s) => s.replace(/[\s\u0000\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+/g, '').replace(/ำ/g, 'า');
const inPdf = (text, parts) => inOrder(text, parts.map(squeeze));

async function waitSaved(page) {
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
}

function standardFile() {
  const org = crypto.randomUUID();
  const at = '2026-01-20T08:00:00.000Z';
  const record = {
    id: org, kind: 's26_standard', org, created: at, updated: at, schema: 1,
    standard: {
      occupation: 'ช่างเชื่อมแม็ก', branch: 'งานเชื่อม', level: 2, applicant: 'วิทยาลัยเทคนิคนนทบุรี',
      criteria: { model: 1, wK: '30', wS: '70', tK: '60', tS: '70', tT: '60', module_threshold: '70' },
      modules: [{ id: '1', name: 'เชื่อมต่อชนท่าราบ', threshold: '70', items: defaultItems() }],
    },
  };
  const file = path.join(OUT, `s26-practical-${org}.json`);
  fs.writeFileSync(file, backup(org, [record]));
  return { org, file };
}

async function restore(page, file) {
  await page.goto(`${server.base}#/s26`);
  await page.getByTestId('s26-centre-backup').waitFor();
  await page.getByTestId('s26-centre-import').setInputFiles(file);
}

async function printPdf(page, name) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: path.join(OUT, name), preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

/** Images drawn in a PDF, by `pdfimages -list` (header lines left out). */
function pdfImages(file) {
  // Columns: page, num, type (image, or smask for a picture's transparency), …
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
}

test('a module\'s practical paper with a drawing: typed, attached, checked, printed, backed up (issue 14 point 3)', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const { org, file } = standardFile();
  await restore(page, file);
  await page.getByTestId('s26-standards').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  await page.goto(`${server.base}#/s26/${org}`);
  await page.getByTestId('s26-title').waitFor();

  await page.locator('.s26-practical-paper summary').click();
  await page.getByTestId('s26-mod-1-minutes').fill('150');
  await page.getByTestId('s26-mod-1-instructions').fill('เชื่อมต่อชนท่าราบตามแบบงาน ความยาวแนวเชื่อม 150 มม.');
  await page.getByTestId('s26-mod-1-knowledge-first').check();
  await page.getByTestId('s26-mod-1-rules').fill('อนุญาตให้ใช้เครื่องเจียรตกแต่งแนวเชื่อม\nไม่อนุญาตให้ใช้อุปกรณ์จับยึดพิเศษ');
  await page.getByTestId('s26-mod-1-materials').fill('เหล็กแผ่น 150×100×6 มม., 2, แผ่น, ตัดเรียบร้อย\nลวดเชื่อม ER70S-6, 1, ม้วน');
  await page.getByTestId('s26-mod-1-tools').fill('ตู้เชื่อมแม็ก, 1, เครื่อง, ใช้ 3 คน/เครื่อง');
  await waitSaved(page);

  // A text file named .png and a 1.2 MB file that starts like a PNG are refused, saying why; nothing is attached.
  const fake = path.join(OUT, 's26-fake.png');
  fs.writeFileSync(fake, 'นี่ไม่ใช่รูป');
  await page.getByTestId('s26-mod-1-image-pick').setInputFiles(fake);
  await page.getByTestId('s26-image-message').filter({ hasText: 'ไฟล์ “s26-fake.png” ไม่ใช่รูปภาพ PNG, JPEG หรือ WebP: แนบไม่ได้' }).waitFor();
  const big = path.join(OUT, 's26-big.png');
  fs.writeFileSync(big, Buffer.concat([fs.readFileSync(PNG), Buffer.alloc(1_200_000)]));
  await page.getByTestId('s26-mod-1-image-pick').setInputFiles(big);
  await page.getByTestId('s26-image-message').filter({ hasText: 'ไฟล์ “s26-big.png” มีขนาด 1.1 MB เกิน 1.0 MB ต่อรูป' }).waitFor();
  assert.equal(await page.getByTestId('s26-mod-1-images').locator('img').count(), 0);

  // A real PNG is attached and captioned.
  await page.getByTestId('s26-mod-1-image-pick').setInputFiles(PNG);
  await page.getByTestId('s26-image-message').filter({ hasText: 'แนบรูป “icon-512.png”' }).waitFor();
  await page.getByTestId('s26-image-caption').fill('แบบงานเชื่อมต่อชน');
  await page.getByTestId('s26-image-caption').blur();
  await waitSaved(page);

  // After a reload: the fields and the picture are there.
  await page.reload();
  await page.getByTestId('s26-title').waitFor();
  assert.equal(await page.getByTestId('s26-mod-1-images').locator('img').count(), 1);
  assert.equal(await page.getByTestId('s26-image-caption').inputValue(), 'แบบงานเชื่อมต่อชน');
  assert.equal(await page.getByTestId('s26-mod-1-tools').inputValue(), 'ตู้เชื่อมแม็ก, 1, เครื่อง, ใช้ 3 คน/เครื่อง');
  assert.equal(await page.getByTestId('s26-mod-1-knowledge-first').isChecked(), true);

  // The practical paper: its parts in the seed's order, the rule from the pass model, the tables and the figure.
  await page.getByTestId('s26-practical-link').click();
  await page.getByTestId('s26-practical-1').waitFor();
  assert.match(await page.getByTestId('s26-practical-1-rules').textContent(), /ต้องผ่านภาคความรู้ \(ไม่น้อยกว่าร้อยละ 60\) ก่อน/);
  assert.deepEqual(await page.getByTestId('s26-practical-1-materials').locator('tbody tr').allTextContents(),
    ['1เหล็กแผ่น 150×100×6 มม.2แผ่นตัดเรียบร้อย', '2ลวดเชื่อม ER70S-61ม้วน']);
  assert.equal(await page.getByTestId('s26-practical-figure').locator('figcaption').textContent(), 'รูปที่ 1 แบบงานเชื่อมต่อชน');
  const fit = await page.getByTestId('s26-practical-figure').evaluate((f) => [getComputedStyle(f).breakInside, getComputedStyle(f.querySelector('img')).maxWidth]);
  assert.deepEqual(fit, ['avoid', '100%']);
  const pdfFile = path.join(OUT, 's26-practical.pdf');
  let pdf = await printPdf(page, 's26-practical.pdf');
  let text = pdfPages(pdf).map(squeeze).join('');
  const order = inPdf(text, ['ข้อสอบภาคความสามารถ', 'สาขาอาชีพช่างเชื่อมแม็ก สาขางานเชื่อม ระดับ 2', 'โมดูลที่ 1 เชื่อมต่อชนท่าราบ คะแนนเต็ม 20 คะแนน เวลา 2 ชั่วโมง 30 นาที',
    '1. คำสั่ง', 'ความยาวแนวเชื่อม 150', 'ความเรียบร้อยของแนวเชื่อม', '2. กฎกติกา', 'ต้องผ่านภาคความรู้', 'อนุญาตให้ใช้เครื่องเจียร',
    '3. รายการวัสดุที่จัดเตรียมให้', 'ลวดเชื่อม ER70S-6', '4. รายการเครื่องมือและอุปกรณ์', 'ใช้ 3 คน/เครื่อง', '5. แบบทดสอบและรายการกำหนด', 'รูปที่ 1 แบบงานเชื่อมต่อชน']);
  assert.ok(order.every((i) => i >= 0), `${JSON.stringify(order)} ${text}`);
  assert.equal(pdfImages(pdfFile).length, 1, 'the drawing is in the PDF');

  // The manual's part (13) prints the same paper with the picture.
  await page.goto(`${server.base}#/s26/${org}/manual`);
  await page.getByTestId('s26-manual').waitFor();
  const part13 = page.getByTestId('s26-manual-part-13');
  assert.match(await part13.textContent(), /1\. คำสั่ง.*2\. กฎกติกา.*3\. รายการวัสดุ.*4\. รายการเครื่องมือ.*5\. แบบทดสอบและรายการกำหนด.*รูปที่ 1 แบบงานเชื่อมต่อชน/);
  assert.equal(await part13.locator('img').count(), 1);

  // The blank application for the standard: its name and level, every field empty, on one page.
  await page.goto(`${server.base}#/s26/${org}`);
  await page.getByTestId('s26-blank-application-link').click();
  await page.getByTestId('s26-application-blank').waitFor();
  assert.match(await page.getByTestId('s26-application-blank').textContent(), /สาขาอาชีพช่างเชื่อมแม็ก สาขางานเชื่อม ระดับ 2.*วันทดสอบ \.+ สถานที่ทดสอบ/);
  pdf = await printPdf(page, 's26-application-standard.pdf');
  const appPages = pdfPages(pdf);
  assert.equal(appPages.length, 1, 'the blank application prints on one A4 page');
  assert.ok(inPdf(squeeze(appPages[0]), ['ใบสมัครเข้ารับการทดสอบ', 'ช่างเชื่อมแม็ก', 'ระดับ 2', 'ประวัติส่วนตัว', 'แบบ รมฐ. 7']).every((i) => i >= 0), appPages[0]);

  // The standard's backup carries the picture; restored into a fresh browser, it is there.
  await page.goto(`${server.base}#/s26`);
  const row = page.getByTestId('s26-standards').locator('li').filter({ hasText: 'ช่างเชื่อมแม็ก' });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('s26-standard-backup').click()]);
  const saved = path.join(OUT, 's26-practical-backup.json');
  await download.saveAs(saved);
  const exported = JSON.parse(fs.readFileSync(saved, 'utf8'));
  const image = exported.records.find((r) => r.kind === 's26_image');
  assert.ok(image, 'an s26_image record in the backup');
  assert.equal(image.standard, org);
  assert.equal(Buffer.from(image.data, 'base64').compare(fs.readFileSync(PNG)), 0);
  await context.close();

  const fresh = await newPage(browser, errors);
  await restore(fresh.page, saved);
  await fresh.page.getByTestId('s26-standards').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  await fresh.page.goto(`${server.base}#/s26/${org}`);
  await fresh.page.getByTestId('s26-title').waitFor();
  assert.equal(await fresh.page.getByTestId('s26-mod-1-images').locator('img').count(), 1);
  assert.equal(await fresh.page.getByTestId('s26-image-caption').inputValue(), 'แบบงานเชื่อมต่อชน');

  // A backup whose image record holds something else than a picture is refused, naming the record; nothing changes.
  const damaged = exported.records.map((r) => (r.kind === 's26_image' ? { ...r, id: crypto.randomUUID(), data: Buffer.from('<svg onload="alert(1)"/>').toString('base64') } : r));
  const bad = path.join(OUT, 's26-practical-bad.json');
  fs.writeFileSync(bad, backup(org, damaged));
  await restore(fresh.page, bad);
  await fresh.page.getByTestId('s26-centre-backup').filter({ hasText: 'รูปประกอบ: ข้อมูลใน data ไม่ใช่รูป PNG, JPEG หรือ WebP' }).waitFor();
  await fresh.page.goto(`${server.base}#/s26/${org}`);
  await fresh.page.getByTestId('s26-title').waitFor();
  assert.equal(await fresh.page.getByTestId('s26-mod-1-images').locator('img').count(), 1);

  // A module deleted takes its drawings with it, and its undo brings them back; a module added afterwards (it gets
  // the freed id, 2) starts with none. Before: the images stayed stored and the new module 2 showed them.
  const p = fresh.page;
  await p.getByTestId('s26-add-module').click();
  await p.getByTestId('s26-mod-2-name').fill('โมดูลชั่วคราว');
  await p.locator('.s26-practical-paper summary').nth(1).click();
  await p.getByTestId('s26-mod-2-image-pick').setInputFiles(PNG);
  await p.getByTestId('s26-image-message').filter({ hasText: 'แนบรูป “icon-512.png”' }).waitFor();
  await p.locator('.s26-module').nth(1).screenshot({ path: path.join(OUT, 's26-module-2-drawing.png') });
  assert.deepEqual(await storedImages(p), ['1', '2']);
  await p.getByTestId('s26-mod-2-del').click();
  await p.getByTestId('s26-action-bar').filter({ hasText: 'พร้อมรูปประกอบ 1 รูป' }).waitFor();
  await p.screenshot({ path: path.join(OUT, 's26-module-deleted.png') });
  await untilImages(p, ['1']);
  await p.getByTestId('s26-undo').click();
  await p.getByTestId('s26-mod-2-images').locator('img').waitFor({ state: 'attached' });
  await untilImages(p, ['1', '2']);
  await p.getByTestId('s26-mod-2-del').click();
  await untilImages(p, ['1']);
  await waitSaved(p);
  await p.reload();
  await p.getByTestId('s26-title').waitFor();
  assert.equal(await p.locator('.s26-module').count(), 1);
  await p.getByTestId('s26-add-module').click();
  await p.getByTestId('s26-mod-2-name').waitFor();
  assert.equal(await p.getByTestId('s26-mod-2-images').locator('img').count(), 0);
  assert.equal(await p.getByTestId('s26-mod-1-images').locator('img').count(), 1);
  assert.deepEqual(errors, []);
  await fresh.context.close();
});

/** The module named by each `s26_image` record stored in the page's IndexedDB, sorted. */
async function storedImages(page) {
  return page.evaluate(async () => {
    const name = `mattrathan:${location.pathname.replace(/[^/]*$/, '')}`;
    const db = await new Promise((ok, bad) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => bad(r.error);
    });
    const all = await new Promise((ok, bad) => {
      const r = db.transaction('records').objectStore('records').getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => bad(r.error);
    });
    db.close();
    return all.filter((r) => r.kind === 's26_image').map((r) => r.module).sort();
  });
}

/** Waits (up to 10 s) until the stored images name `modules`. */
async function untilImages(page, modules) {
  let now;
  for (let i = 0; i < 100; i++) {
    now = await storedImages(page);
    if (JSON.stringify(now) === JSON.stringify(modules)) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.deepEqual(now, modules);
}
