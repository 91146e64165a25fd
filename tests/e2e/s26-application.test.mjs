// The candidate's application (ใบสมัคร แบบ รมฐ. 7, issue 14 point 4): a standard with one session comes in as a
// backup on the s26 page (a forged one whose candidate has a bad postcode is refused first, naming the field); on the
// session page a candidate is added with the application filled in — three work rows typed and the middle one removed,
// the months of experience computed live from the two left (overlap counted once, the open one running to the date
// applied) — a bad postcode refused with the field named, then saved; after a reload the application is there to
// edit. The filled and the blank form print to one or two A4 pages with the name and "แบบ รมฐ. 7".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { sessionFile, backup } from './s26-fixture.mjs';

useServerAndBrowser();

const SHOTS = process.env.SHOTS;

function write(name, text) {
  const file = path.join(OUT, name);
  fs.writeFileSync(file, text);
  return file;
}

async function status(page, text) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

/** Prints the page to A4 PDF; returns its page count and text (pdftotext keeps the Thai). */
async function print(page, name) {
  await page.emulateMedia({ media: 'print' });
  const file = path.join(OUT, name);
  const pdf = await page.pdf({ path: file, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { pages, text };
}

test('a candidate applies on form รมฐ.7: work rows give the months, a bad postcode is refused, the form prints filled and blank', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.setViewportSize({ width: 1280, height: 900 });
  const fx = sessionFile({ standard: { required_experience_months: 24, conditions: ['ผ่านการฝึกอบรมงานเชื่อม'] } });

  // A forged backup: a candidate whose application carries a postcode of four digits. Refused whole, field named.
  await page.goto(`${server.base}s26.html#/s26`);
  const forged = fx.records.map((r) => (r.kind === 's26_candidate' && r.number === 'A001'
    ? { ...r, application: { date: '2021-01-10', address: { postcode: '1100' } } } : r));
  await page.getByTestId('s26-centre-import').setInputFiles(write('s26-application-forged.json', backup(fx.org, forged)));
  await page.getByRole('alert').filter({ hasText: 'ผู้เข้าทดสอบหมายเลข A001 ใบสมัคร: รหัสไปรษณีย์: “1100” ต้องเป็นตัวเลข 5 หลัก' }).waitFor();
  assert.equal(await page.getByTestId('s26-standards').filter({ hasText: 'ช่างเชื่อมแม็ก' }).count(), 0, 'nothing was restored');
  await page.getByTestId('s26-centre-import').setInputFiles(write('s26-application-fixture.json', fx.text));
  await status(page, 'แล้ว: 4 รายการ');

  await page.goto(`${server.base}s26-session.html#/s26/session/${fx.session}`);
  await page.getByTestId('s26-candidates').waitFor();
  const fill = (id, text) => page.getByTestId(id).fill(text);
  await fill('s26-cand-number', 'A010');
  await fill('s26-cand-name', 'นายสิบ ขยันยิ่ง');
  await fill('s26-cand-id', '1-1037-02071-81-1');
  await fill('s26-cand-birth', '20/01/2540');
  await page.locator('#candidates label.check input').first().check();
  await page.getByTestId('s26-cand-app').locator('summary').click();
  await page.getByTestId('s26-cand-app-title').selectOption('นาย');
  await fill('s26-cand-app-date', '10/01/2564');
  const person = {
    nationality: 'ไทย', religion: 'พุทธ', house: '99/12', moo: '4', soi: 'ติวานนท์ 3', road: 'ติวานนท์',
    subdistrict: 'ตลาดขวัญ', district: 'เมืองนนทบุรี', province: 'นนทบุรี', postcode: '1100',
    mobile: '081-234-5678', email: 'sib@example.com',
  };
  for (const [key, text] of Object.entries(person)) await fill(`s26-cand-app-${key}`, text);
  await page.getByTestId('s26-cand-app-edu-add').click();
  const edu = (field) => page.getByTestId(`s26-cand-app-edu-${field}`);
  await edu('level').fill('ปวช.');
  await edu('field').fill('ช่างเชื่อมโลหะ');
  await edu('institution').fill('วิทยาลัยเทคนิคนนทบุรี');
  await edu('year').fill('2557');

  // Three work rows; the middle one is removed and the third keeps what was typed in it.
  const work = [
    ['5/2560', '4/2561', 'อู่ช่างเชื่อมสมชาย', 'ช่างเชื่อม', 'เชื่อมโครงหลังคาเหล็ก'],
    ['1/2555', '12/2555', 'แถวที่จะลบ', '', ''],
    ['1/2561', '', 'บริษัท เหล็กไทย จำกัด', 'ช่างเชื่อมแม็ก', 'เชื่อมท่อและถังแรงดัน'],
  ];
  for (const [i, row] of work.entries()) {
    await page.getByTestId('s26-cand-app-work-add').click();
    for (const [j, key] of ['from', 'to', 'workplace', 'position', 'duties'].entries()) {
      await page.getByTestId(`s26-cand-app-work-${key}`).nth(i).fill(row[j]);
    }
  }
  const months = page.getByTestId('s26-cand-app-months');
  // 01/2555–12/2555 (12) + 05/2560–01/2564 (45: the first two rows overlap in 01–04/2561).
  await months.filter({ hasText: 'ประสบการณ์จากประวัติการทำงาน 57 เดือน' }).waitFor();
  await page.getByTestId('s26-cand-app-work-remove').nth(1).click();
  await months.filter({ hasText: 'ประสบการณ์จากประวัติการทำงาน 45 เดือน' }).waitFor();
  assert.equal(await page.getByTestId('s26-cand-app-work-row').count(), 2);
  assert.equal(await page.getByTestId('s26-cand-app-work-workplace').nth(1).inputValue(), 'บริษัท เหล็กไทย จำกัด');
  // A "from" after its "to" is named with its row, live.
  await page.getByTestId('s26-cand-app-work-to').nth(0).fill('4/2559');
  await months.filter({ hasText: 'ประวัติการทำงาน แถว 1: ตั้งแต่ 05/2560 อยู่หลัง ถึง 04/2559' }).waitFor();
  await page.getByTestId('s26-cand-app-work-to').nth(0).fill('4/2561');
  await months.filter({ hasText: '45 เดือน' }).waitFor();
  for (const key of ['id-copy', 'photo', 'evidence']) await page.getByTestId(`s26-cand-app-${key}`).check();
  if (SHOTS) await page.getByTestId('s26-cand-app').screenshot({ path: path.join(SHOTS, 'application-form.png') });

  // The bad postcode is refused, naming the field; nothing is added.
  await page.getByTestId('s26-cand-add').click();
  await page.getByRole('alert').filter({ hasText: 'รหัสไปรษณีย์: “1100” ต้องเป็นตัวเลข 5 หลัก' }).waitFor();
  assert.equal(await page.getByTestId('s26-cand-row-A010').count(), 0);
  await fill('s26-cand-app-postcode', '11000');
  await page.getByTestId('s26-cand-add').click();
  const row = page.getByTestId('s26-cand-row-A010');
  await row.filter({ hasText: 'มีสิทธิ์สอบ' }).waitFor();

  // After a reload the application is stored: the edit form holds it, the months computed again.
  await page.reload();
  await row.filter({ hasText: 'มีสิทธิ์สอบ' }).waitFor();
  await page.getByTestId('s26-cand-edit-A010').click();
  assert.equal(await page.getByTestId('s26-edit-app').getAttribute('open'), '', 'the application part opens when filled');
  assert.equal(await page.getByTestId('s26-edit-app-postcode').inputValue(), '11000');
  assert.equal(await page.getByTestId('s26-edit-app-mobile').inputValue(), '0812345678');
  assert.equal(await page.getByTestId('s26-edit-app-work-from').nth(1).inputValue(), '01/2561');
  await page.getByTestId('s26-edit-app-months').filter({ hasText: '45 เดือน' }).waitFor();
  // Editing a row down to 12 months makes the candidate short of the standard's 24.
  await page.getByTestId('s26-edit-app-work-remove').nth(1).click();
  await page.getByTestId('s26-edit-app-months').filter({ hasText: '12 เดือน' }).waitFor();
  await page.getByTestId('s26-edit-cancel').click();
  await row.filter({ hasText: 'มีสิทธิ์สอบ' }).waitFor();

  // The filled form, printed.
  await page.getByTestId('s26-application-link-A010').click();
  const filled = page.getByTestId('s26-application-filled');
  await filled.waitFor();
  const shown = await filled.textContent();
  for (const text of ['แบบ รมฐ. 7', '☑ นาย', 'สิบ', 'ขยันยิ่ง', '20 มกราคม 2540', '11000', 'บริษัท เหล็กไทย จำกัด',
    'รวมประสบการณ์ 45 เดือน', 'ผ่านการฝึกอบรมงานเชื่อม', '( นายสิบ ขยันยิ่ง )', '10 / มกราคม / 2564']) {
    assert.ok(shown.includes(text), `filled form shows ${text}`);
  }
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'application-filled-screen.png'), fullPage: true });
  const a = await print(page, 's26-application-filled.pdf');
  console.log(`filled application: ${a.pages} A4 page(s)`);
  assert.ok(a.pages >= 1 && a.pages <= 2, `pages: ${a.pages}`);
  for (const text of ['แบบ รมฐ. 7', 'ขยันยิ่ง', 'บริษัท เหล็กไทย จำกัด']) assert.ok(a.text.includes(text), `PDF has ${text}`);

  // The blank form for the session, linked from the session page.
  await page.goBack();
  await page.getByTestId('s26-application-blank-link').click();
  const blank = page.getByTestId('s26-application-blank');
  await blank.waitFor();
  assert.equal(await blank.getByTestId('s26-application-work').locator('tbody tr').count(), 4);
  assert.ok(!(await blank.textContent()).includes('ขยันยิ่ง'));
  const b = await print(page, 's26-application-blank.pdf');
  console.log(`blank application: ${b.pages} A4 page(s)`);
  assert.ok(b.pages >= 1 && b.pages <= 2, `pages: ${b.pages}`);
  for (const text of ['แบบ รมฐ. 7', 'ประวัติการศึกษา', 'ผู้ตรวจสอบเอกสาร']) assert.ok(b.text.includes(text), `blank PDF has ${text}`);
  assert.deepEqual(errors, []);
  await context.close();
});
