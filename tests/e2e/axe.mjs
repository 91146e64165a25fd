// One axe-core check for journeys that reach a state a11y.test.mjs cannot set up alone (a certificate for a pass, a
// conflict on a signed-in device): runs the WCAG 2.0/2.1 A and AA rules on what the page shows now and fails on a
// serious or critical violation, naming the rule, the element and `where`.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';

export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function assertAccessible(page, where) {
  await page.evaluate(() => document.fonts.ready);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) ${n.target.join(' ')} — ${v.help}`));
  assert.deepEqual(bad, [], `no serious or critical accessibility violation: ${where}`);
}
