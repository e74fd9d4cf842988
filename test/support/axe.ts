// axe-core (the field's standard accessibility engine) run inside a Playwright page: injected from
// node_modules (nothing downloaded), checking the WCAG 2.0/2.1 A and AA rules, open shadow roots
// included (every Lit component renders into one). Violations come back as readable lines.
import { createRequire } from 'node:module';
import type { AxeResults, ElementContext, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The rule tags of WCAG 2.1 level AA (and A), as axe names them. */
export const WCAG21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** axe's rules beyond WCAG's letter: landmarks, heading order, empty table headers, ... */
export const BEST_PRACTICE_TAGS = ['best-practice'];

/**
 * The violations of the rules tagged `tags` (WCAG 2.1 AA and axe's best practices unless told)
 * on the page as it is now. `exclude` leaves out single elements (never whole rules): axe
 * selectors, `{ fromShadowDom: [...] }` for an element in a shadow root.
 */
export async function axeViolations(
  page: Page,
  { tags = [...WCAG21_AA_TAGS, ...BEST_PRACTICE_TAGS], exclude = [] as ElementContext[] } = {},
): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(
    ({ tags, excluded }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const context = { include: document, exclude: excluded as ElementContext[] };
      const options: RunOptions = {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      };
      return axe.run(context as ElementContext, options) as Promise<unknown>;
    },
    { tags, excluded: exclude as unknown[] },
  );
  return (results as AxeResults).violations;
}

/** One line per violation: rule, impact, its first elements' selectors, what the rule asks. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes
        .slice(0, 3)
        .map((node) => JSON.stringify(node.target))
        .join(', ');
      const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
      const detail = v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '';
      return `${v.id} (${v.impact}): ${v.help}; at ${targets}${more}. ${detail}`;
    })
    .join('\n');
}
