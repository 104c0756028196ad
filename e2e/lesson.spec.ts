/**
 * The lesson experience as a student meets it: the lesson map, the thermostat lesson done through the
 * editor, the kubectl console and "show solution", its knowledge check (single, multiple and predict with
 * the experiment run in the simulator), progress that survives a reload and a round trip through a file,
 * a tampered progress entry, and an author's lesson with an error.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { AUTHOR_LESSON } from './authorLesson';
import { guard } from './helpers';

const lessonPanel = (page: Page) => page.getByRole('complementary', { name: 'Lesson' });

async function goalReached(page: Page): Promise<void> {
  await expect(
    lessonPanel(page).getByText('Goal reached: the cluster is where this step wanted it.'),
  ).toBeVisible({
    timeout: 30_000,
  });
}

async function answer(
  page: Page,
  question: RegExp,
  choices: RegExp[],
  button: 'Check answer' | 'Check (practice)' | 'Try it',
) {
  const q = page.getByRole('group', { name: question });
  for (const c of choices) await q.getByLabel(c).check();
  await q.locator('xpath=..').getByRole('button', { name: button }).click();
}

test('a student completes the thermostat lesson and its knowledge check; progress survives a reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const { errors, outside } = guard(page);
  await page.goto('/?lessons');
  await expect(page.getByRole('heading', { name: 'Lessons', level: 1 })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'The thermostat' })).toContainText(
    '0 of 3 steps',
  );
  await page
    .getByRole('listitem')
    .filter({ hasText: 'The thermostat' })
    .getByRole('link', { name: 'Start' })
    .click();

  // Step 1: paste the manifest into the editor and apply.
  await expect(page).toHaveURL(/\?lesson=thermostat/);
  const panel = lessonPanel(page);
  await expect(panel.getByRole('heading', { name: 'Declare three copies' })).toBeVisible();
  await expect(panel.getByText('Watching the cluster for your goal…')).toBeVisible();
  // Copy the manifest from the task, paste it over the editor's text.
  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel.getByText('Copied: paste it into the editor')).toBeVisible();
  await page.getByRole('tab', { name: 'Desired state' }).click();
  // Monaco replaces the plain text box once it has loaded.
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  const editor = page.getByRole('textbox', { name: 'Desired state' });
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await expect(page.getByText('replicas: 3').first()).toBeVisible();
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await goalReached(page);
  await expect(
    page.getByRole('status').filter({ hasText: 'Goal reached: Declare three copies' }),
  ).toBeAttached();
  await expect(panel.getByRole('heading', { name: 'What just happened' })).toBeVisible();
  await page.screenshot({ path: 'test-results/lesson-step1-done.png' });
  await panel.getByRole('button', { name: 'Next step' }).click();

  // Step 2: the kubectl console.
  await expect(panel.getByRole('heading', { name: 'Turn the dial to five' })).toBeVisible();
  await expect(page).toHaveURL(/step=2/);
  await panel.getByRole('button', { name: 'Show a hint' }).click();
  await expect(panel.getByText('Only the number changes')).toBeVisible();
  await page.getByRole('tab', { name: 'Console' }).click();
  const kubectl = page.getByRole('textbox', { name: 'kubectl' });
  // The full console replaces the plain one once loaded (it has a help button).
  await expect(page.getByRole('button', { name: 'kubectl commands' })).toBeVisible();
  await kubectl.fill('scale deployment/web --replicas=5');
  await kubectl.press('Enter');
  await goalReached(page);
  await panel.getByRole('button', { name: 'Next step' }).click();

  // Step 3: show the solution (it runs through the console, like the learner would).
  await expect(panel.getByRole('heading', { name: 'Meddle one level down' })).toBeVisible();
  await panel.getByRole('button', { name: 'Show solution' }).click();
  await goalReached(page);
  await expect(page.getByText('$ kubectl delete replicaset -l app=web')).toBeVisible();
  await panel.getByRole('button', { name: 'On to the questions' }).click();

  // The knowledge check.
  await expect(panel.getByRole('heading', { name: 'Check what you learned' })).toBeVisible();
  await answer(page, /only three Running pods/, [/Nothing is wrong yet/], 'Check answer');
  await expect(panel.getByText('Right!').first()).toBeVisible();
  await answer(
    page,
    /what every controller does/,
    [/Creating a new pod after one was deleted/, /Starting two more pods/, /Replacing old-version pods/],
    'Check answer',
  );
  await answer(page, /You delete two pods at once/, [/Five pods again/], 'Try it');
  await expect(
    panel.getByText('Your prediction held: the cluster did exactly what you expected.'),
  ).toBeVisible({
    timeout: 30_000,
  });
  // A wrong answer shows why.
  await answer(page, /Why does that go stale/, [/Declarations start containers faster/], 'Check answer');
  await expect(panel.getByText('Not quite: read why below each choice.')).toBeVisible();
  await expect(panel.getByText('Speed is not the difference')).toBeVisible();
  await expect(panel.getByText('Score: 3 of 4 (first answers)')).toBeVisible();
  // Trying again is practice: shown as such, and the score keeps the first answer.
  const stale = panel.getByRole('group', { name: /Why does that go stale/ }).locator('xpath=..');
  await stale.getByRole('button', { name: 'Try again (practice)' }).click();
  await answer(page, /Why does that go stale/, [/The script ran once/], 'Check (practice)');
  await expect(stale.getByText('Practice attempt 1: Right this time.')).toBeVisible();
  await expect(stale.getByText('Your first answer was not right; it is the one scored.')).toBeVisible();
  await expect(panel.getByText('Score: 3 of 4 (first answers)')).toBeVisible();
  await expect(
    panel.getByRole('paragraph').filter({ hasText: 'Lesson complete, with 3 of 4' }),
  ).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1400 });
  await panel.getByRole('group', { name: /You delete two pods at once/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/lesson-quiz-done.png' });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Everything survives a reload.
  await page.waitForTimeout(300);
  await page.reload();
  await expect(lessonPanel(page).getByText('Score: 3 of 4')).toBeVisible();
  await page.goto('/?lessons');
  const card = page.getByRole('listitem').filter({ hasText: 'The thermostat' });
  await expect(card.getByText('Completed')).toBeVisible();
  await expect(card).toContainText('3 of 3 steps · 3 of 4 questions right');
  await expect(card.getByRole('link', { name: 'Review' })).toBeVisible();
  await page.screenshot({ path: 'test-results/lesson-map-progress.png' });

  // Export the progress and import it back.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  const exported = await readFile((await download.path()) ?? '', 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ format: 'setpoint-progress', version: 1 });
  await page.getByLabel('Import progress from a file').setInputFiles({
    name: 'setpoint-progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await expect(page.getByText('Progress imported from setpoint-progress.json.')).toBeVisible();
  // An import with a mistake says what and where, and changes nothing.
  const bad = JSON.parse(exported) as { lessons: { thermostat: { answers: Record<string, unknown> } } };
  bad.lessons.thermostat.answers['one-loop'] = { selected: ['replace', 'teleport'] };
  await page.getByLabel('Import progress from a file').setInputFiles({
    name: 'edited.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(page.getByRole('alert')).toContainText(
    'lessons.thermostat.answers.one-loop.selected[1]: question "one-loop" has no choice "teleport"',
  );
  await expect(card.getByText('Completed')).toBeVisible();
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
});

test('tampered progress is set aside with a message, never a crash', async ({ page }) => {
  const { errors } = guard(page);
  // Seed storage before the app's scripts run (once: a later navigation must see what the app left).
  const tampered = JSON.stringify({
    format: 'setpoint-progress',
    version: 1,
    lessons: { thermostat: { step: 3, completed: ['one-level-down'], hints: {}, answers: {} } },
  });
  await page.addInitScript((v) => {
    type KV = { getItem(k: string): string | null; setItem(k: string, v: string): void };
    const w = globalThis as unknown as { localStorage: KV; sessionStorage: KV };
    if (w.sessionStorage.getItem('seeded')) return;
    w.sessionStorage.setItem('seeded', '1');
    w.localStorage.setItem('setpoint.progress', v);
  }, tampered);
  await page.goto('/?lessons');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(
    'lessons.thermostat.completed[0]: steps are completed in order: expected "declare-three", not "one-level-down"',
  );
  await expect(page.getByRole('listitem').filter({ hasText: 'The thermostat' })).toContainText(
    '0 of 3 steps',
  );
  await page.screenshot({ path: 'test-results/lesson-tampered.png' });
  // The lesson still opens, from the start.
  await page.goto('/?lesson=thermostat');
  await expect(lessonPanel(page).getByRole('heading', { name: 'Declare three copies' })).toBeVisible();
  expect(errors).toEqual([]);
});

test("an author's lesson: located problems for a broken file, other sites refused, a good file plays", async ({
  page,
}) => {
  await page.route(
    (url) => url.pathname.startsWith('/my-lessons/'),
    (route) =>
      route.fulfill({
        contentType: 'text/yaml',
        body: AUTHOR_LESSON.replace(
          'GOAL',
          route.request().url().includes('broken') ? 'podz-ready' : 'podsReady',
        ),
      }),
  );
  await page.goto('/?lessonUrl=/my-lessons/broken.yaml');
  const alert = page.getByRole('alert').filter({ hasText: 'cannot be opened' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('steps[0].goal.kind: unknown goal "podz-ready"');
  await page.screenshot({ path: 'test-results/lesson-author-error.png' });

  await page.goto('/?lessonUrl=https://elsewhere.example/lesson.yaml');
  await expect(page.getByRole('alert')).toContainText('is on another site');

  await page.goto('/?lessonUrl=/my-lessons/good.yaml');
  const panel = lessonPanel(page);
  await expect(panel.getByRole('heading', { name: 'Five copies' })).toBeVisible();
  await expect(panel.getByText('Your own lesson')).toBeVisible();
  await panel.getByRole('button', { name: 'Show solution' }).click();
  await goalReached(page);
});

test('the lesson map, gallery, player and quiz have no serious accessibility problems; keys move between steps', async ({
  page,
}) => {
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')})`,
      );
  await page.goto('/?lessons');
  await expect(page.getByRole('heading', { name: 'Lessons', level: 1 })).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.goto('/?sandbox');
  await expect(page.getByRole('heading', { name: 'Free play: example clusters' })).toBeVisible();
  expect(await serious()).toEqual([]);
  // Open the quiz directly: the earlier steps' solutions are played to set the cluster up.
  await page.goto('/?lesson=thermostat&step=4');
  const panel = lessonPanel(page);
  await expect(panel.getByRole('heading', { name: 'Check what you learned' })).toBeVisible({
    timeout: 45_000,
  });
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await serious()).toEqual([]);
  // The step list is made of buttons: go back to step 2 by keyboard.
  await panel.getByRole('button', { name: /Step 2: Turn the dial to five, done/ }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { name: 'Turn the dial to five' })).toBeFocused();
  await expect(page).toHaveURL(/step=2/);
  await page.screenshot({ path: 'test-results/lesson-review-step.png' });
  expect(await serious()).toEqual([]);
});
