import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { guard, ORIGIN, PORT } from './helpers';

/** A second name for the same preview server: a different origin for the browser. */
const OTHER = `http://localhost:${PORT}`;

/** The course page's list of received events, as [lesson, type, origin]. */
async function events(page: Page): Promise<string[][]> {
  const out: string[][] = [];
  for (const li of await page.locator('#log li').all()) {
    const [lesson, type, origin] = await Promise.all(
      ['data-lesson', 'data-type', 'data-origin'].map(async (a) => (await li.getAttribute(a)) ?? ''),
    );
    out.push([lesson ?? '', (type ?? '').replace('setpoint:', ''), origin ?? '']);
  }
  return out;
}

test('the course page receives lesson events in order, from the right origin only', async ({ page }) => {
  const g = guard(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  // The lesson map, already open in another tab, follows the progress made in the course page's frames.
  const map = await page.context().newPage();
  await map.goto('/?lessons');
  await expect(map.getByRole('heading', { name: 'Lessons', level: 1 })).toBeVisible();
  await page.bringToFront();
  await page.goto('/course/index.html');
  const lesson = page.frameLocator('#frame-thermostat');
  const quiz = page.frameLocator('#frame-self-healing');

  // Both frames say ready (the quiz-only one at the knowledge check) and grow to fit their content.
  await expect
    .poll(() => events(page))
    .toEqual(
      expect.arrayContaining([
        ['thermostat', 'ready', ORIGIN],
        ['self-healing', 'ready', ORIGIN],
      ]),
    );
  await expect(lesson.getByRole('heading', { name: 'Declare three copies' })).toBeVisible();
  await expect
    .poll(async () => (await page.locator('#frame-thermostat').boundingBox())?.height ?? 0)
    .toBeGreaterThan(700);
  await expect(lesson.getByRole('note')).toHaveCount(0); // a valid parentOrigin: no note for the author

  // The learner completes step 1 (here with "Show solution"): goal, then step completed.
  await lesson.getByRole('button', { name: 'Show solution' }).click();
  await expect(lesson.getByRole('button', { name: 'Next step' })).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(async () => (await events(page)).filter((e) => e[0] === 'thermostat'))
    .toEqual([
      ['thermostat', 'ready', ORIGIN],
      ['thermostat', 'goal-completed', ORIGIN],
      ['thermostat', 'step-completed', ORIGIN],
    ]);

  // The course page moves the lesson between the steps the learner has unlocked.
  await page.getByRole('button', { name: 'Send “go to step 2”' }).click();
  await expect(lesson.locator('.step-count')).toHaveText('Step 2 of 3');
  await page.getByRole('button', { name: 'Send “go to step 1”' }).click();
  await expect(lesson.locator('.step-count')).toHaveText('Step 1 of 3');

  // The knowledge check: one right answer, one wrong. (Its set-up replays the steps; those are not reported.)
  const question = (name: RegExp) =>
    quiz.getByRole('listitem').filter({ has: quiz.getByRole('group', { name }) });
  const q1 = question(/A container crashes/);
  await expect(q1.getByRole('radio').first()).toBeEnabled({ timeout: 30_000 });
  await q1.getByRole('radio', { name: /The kubelet on that node restarts the container/ }).check();
  await q1.getByRole('button', { name: 'Check answer' }).click();
  const q2 = question(/pod that was deleted/);
  await q2.getByRole('checkbox', { name: /RESTARTS count of the old pod/ }).check();
  await q2.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(async () => (await events(page)).filter((e) => e[0] === 'self-healing'))
    .toEqual([
      ['self-healing', 'ready', ORIGIN],
      ['self-healing', 'quiz-answered', ORIGIN],
      ['self-healing', 'quiz-answered', ORIGIN],
    ]);
  await expect(page.locator('#log li', { hasText: 'quiz answered' }).nth(0)).toContainText(', correct');
  await expect(page.locator('#log li', { hasText: 'quiz answered' }).nth(1)).toContainText('not correct');

  // A forged message in the course page (not from one of its frames) is ignored by the page's script...
  const before = (await events(page)).length;
  await page.evaluate(
    `window.postMessage({ source: 'setpoint', version: 1, type: 'setpoint:lesson-completed', lesson: 'thermostat', score: 9, questions: 9 }, '*')`,
  );
  await expect(page.locator('#ignored')).toContainText('1');
  // ...and the embedded lesson ignores messages that are not its parent's, or not well-formed.
  const frame = page.frame({ url: /lesson=thermostat/ });
  if (!frame) throw new Error('no lesson frame');
  await frame.evaluate(`window.postMessage({ type: 'setpoint:goto-step', step: 2 }, '*')`);
  await page.evaluate(
    `document.getElementById('frame-thermostat').contentWindow.postMessage({ type: 'setpoint:goto-step', step: 2, extra: 'x' }, '*')`,
  );
  await page.evaluate(
    `document.getElementById('frame-thermostat').contentWindow.postMessage('{"type":"setpoint:goto-step","step":2}', '*')`,
  );
  await page.waitForTimeout(500);
  await expect(lesson.locator('.step-count')).toHaveText('Step 1 of 3');
  expect((await events(page)).length).toBe(before);

  await page.screenshot({ path: 'test-results/embed-course.png', fullPage: true });

  // Both frames saved progress to the same browser storage, and neither erased the other's: the lesson
  // map shows the thermostat's completed step and the self-healing answers, live in the tab that was
  // open all along and in a fresh one.
  const cards = async (p: Page) => {
    await expect(p.getByRole('listitem').filter({ hasText: 'The thermostat' })).toContainText('1 of 3 steps');
    await expect(p.getByRole('listitem').filter({ hasText: 'replaced or restarted?' })).toContainText(
      '3 of 3 steps · 1 of 3 questions right',
    );
  };
  await cards(map);
  await page.goto('/?lessons');
  await cards(page);
  expect(g.errors).toEqual([]);
  expect(g.outside).toEqual([]);
});

test('a lesson embedded from another origin sends its events to the named parent origin', async ({
  page,
}) => {
  await page.goto(`/course/index.html?app=${encodeURIComponent(`${OTHER}/`)}`);
  await expect
    .poll(() => events(page), { timeout: 30_000 })
    .toEqual(
      expect.arrayContaining([
        ['thermostat', 'ready', OTHER],
        ['self-healing', 'ready', OTHER],
      ]),
    );
  const lesson = page.frameLocator('#frame-thermostat');
  await expect(lesson.getByRole('note')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send “go to step 1”' }).click();
  await expect(lesson.locator('.step-count')).toHaveText('Step 1 of 3');
  // A course page that started listening late asks for `ready` again.
  await page.evaluate(
    `document.getElementById('frame-thermostat').contentWindow.postMessage({ type: 'setpoint:hello' }, '${OTHER}')`,
  );
  await expect
    .poll(async () => (await events(page)).filter((e) => e[0] === 'thermostat'))
    .toEqual([
      ['thermostat', 'ready', OTHER],
      ['thermostat', 'ready', OTHER],
    ]);
});

test('with a wrong or missing parentOrigin nothing is sent, and the author is told why', async ({ page }) => {
  // The frames are told to send to localhost, but the course page is on 127.0.0.1.
  await page.goto(
    `/course/index.html?app=${encodeURIComponent(`${OTHER}/`)}&parentOrigin=${encodeURIComponent(OTHER)}`,
  );
  const lesson = page.frameLocator('#frame-thermostat');
  await expect(lesson.getByRole('heading', { name: 'Declare three copies' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(lesson.getByRole('note')).toContainText(`embedded in a page from ${ORIGIN}`);
  await page.waitForTimeout(1000);
  expect(await events(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/embed-wrong-origin.png' });

  // Opened on its own (not in a frame), with or without parentOrigin: the note says what the view is for.
  await page.goto(`/?embed=1&lesson=thermostat&parentOrigin=${encodeURIComponent(ORIGIN)}`);
  await expect(page.getByRole('note')).toContainText('meant to sit in an iframe on a course page');
  await page.goto('/?embed=1&lesson=thermostat');
  await expect(page.getByRole('note')).toContainText('meant to sit in an iframe on a course page');
  await expect(page.getByRole('heading', { name: 'Declare three copies' })).toBeVisible();
  await page.screenshot({ path: 'test-results/embed-no-origin.png' });

  // An unknown lesson explains itself to the course author instead of crashing: embed mode has no lesson
  // map to show, so it lists the ids that exist.
  await page.goto(`/?embed=1&lesson=no-such-lesson&parentOrigin=${encodeURIComponent(ORIGIN)}`);
  const unknown = page.getByRole('alert').filter({ hasText: 'no-such-lesson' });
  await expect(unknown).toHaveCount(1);
  await expect(unknown).toContainText(
    'set lesson= in the iframe address to one of why-orchestration, thermostat, services, self-healing,',
  );
  await expect(unknown).not.toContainText('Here are all the lessons');
  await page.screenshot({ path: 'test-results/embed-unknown-lesson.png' });
  await page.goto(`/?embed=1&parentOrigin=${encodeURIComponent(ORIGIN)}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Add &lesson=' })).toBeVisible();
});
