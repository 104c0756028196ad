/**
 * The lesson player's panel beside the cluster: the lesson's steps (done, current, locked), the current
 * step's story, what to do, the goal as the engine checks it (live), the success text once it is met,
 * hints one at a time and "show solution"; after the last step, the knowledge check. Goal completion and
 * step changes are announced in a live region.
 */
import { useEffect, useId, useRef } from 'react';
import { lessonProgress } from '../../lessons/ui/progress';
import { href } from '../../lessons/ui/route';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { Markdown } from './Markdown';
import { Quiz } from './Quiz';
import './lesson.css';

function StepList() {
  const open = useApp((s) => s.openLesson);
  const progress = useApp((s) => s.progress);
  const goToStep = useApp((s) => s.goToStep);
  const busy = useApp((s) => s.busy !== null);
  if (!open) return null;
  const lp = lessonProgress(progress, open.key);
  const steps = open.lesson.steps;
  const items = [...steps.map((s) => s.title), S.lesson.quizTitle];
  return (
    <nav aria-label={S.lesson.stepsNav}>
      <ol className="lesson-steps">
        {items.map((title, i) => {
          const id = steps[i]?.id;
          const done = id !== undefined ? lp.completed.includes(id) : false;
          const unlocked = i <= lp.completed.length;
          const current = i === lp.step;
          const state = done
            ? S.lesson.stepDoneMark
            : current
              ? S.lesson.stepCurrentMark
              : unlocked
                ? ''
                : S.lesson.stepLockedMark;
          return (
            <li
              key={i}
              className={`${done ? 'done' : ''} ${current ? 'current' : ''} ${unlocked ? '' : 'locked'}`}
            >
              <button
                type="button"
                disabled={!unlocked || busy}
                aria-current={current ? 'step' : undefined}
                onClick={() => goToStep(i)}
                title={title}
              >
                <span className="step-dot" aria-hidden="true">
                  {done ? '✓' : i < steps.length ? i + 1 : '?'}
                </span>
                <span className="visually-hidden">
                  {i < steps.length ? S.lesson.stepN(i + 1, title) : title}
                  {state ? `, ${state}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function GoalStatusView(props: { trackId: string; done: boolean }) {
  const goal = useApp((s) => s.goal);
  const problems = useApp((s) => s.goalProblems);
  if (problems)
    return (
      <div className="goal-status bad" role="alert">
        <p>{S.lesson.goalRefused}</p>
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      </div>
    );
  if (props.done)
    return (
      <p className="goal-status met">
        <span aria-hidden="true">✓ </span>
        {S.lesson.goalMet}
      </p>
    );
  const mine = goal?.id === props.trackId ? goal : null;
  const progress = mine?.progress;
  return (
    <div className="goal-status waiting">
      <p>
        <span className="pulse" aria-hidden="true" />
        {!mine ? S.lesson.goalStarting : mine.pending ? S.lesson.goalPending : S.lesson.goalWatching}
      </p>
      {progress && progress.want > 1 && (
        <div className="goal-meter">
          <meter min={0} max={progress.want} value={progress.have} aria-label={S.lesson.goalProgressLabel} />
          <span>{S.lesson.goalProgress(progress.have, progress.want)}</span>
        </div>
      )}
    </div>
  );
}

function Hints(props: { stepId: string; hints: readonly string[] }) {
  const shown = useApp(
    (s) => (s.openLesson ? lessonProgress(s.progress, s.openLesson.key).hints[props.stepId] : 0) ?? 0,
  );
  const reveal = useApp((s) => s.revealHint);
  const listId = useId();
  const last = useRef<HTMLLIElement>(null);
  const before = useRef(shown);
  useEffect(() => {
    if (shown > before.current) last.current?.focus();
    before.current = shown;
  }, [shown]);
  return (
    <section className="hints" aria-labelledby={`${listId}-h`}>
      <h3 id={`${listId}-h`}>{S.lesson.hintsTitle}</h3>
      {shown > 0 && (
        <ol className="hint-list">
          {props.hints.slice(0, shown).map((h, i) => (
            <li key={i} ref={i === shown - 1 ? last : undefined} tabIndex={-1}>
              <Markdown text={h} />
            </li>
          ))}
        </ol>
      )}
      {shown < props.hints.length ? (
        <button type="button" className="quiet" onClick={reveal}>
          {shown === 0 ? S.lesson.showHint : S.lesson.showAnotherHint(shown + 1, props.hints.length)}
        </button>
      ) : (
        <p className="muted">{S.lesson.noMoreHints}</p>
      )}
    </section>
  );
}

function StepView() {
  const open = useApp((s) => s.openLesson);
  const lp = useApp((s) => (s.openLesson ? lessonProgress(s.progress, s.openLesson.key) : null));
  const busy = useApp((s) => s.busy);
  const next = useApp((s) => s.nextStep);
  const showSolution = useApp((s) => s.showSolution);
  const ready = useApp((s) => s.workerStatus === 'running');
  const heading = useRef<HTMLHeadingElement>(null);
  const success = useRef<HTMLElement>(null);
  const index = lp?.step ?? 0;
  const stepId = open?.lesson.steps[index]?.id;
  const isDone = !!stepId && !!lp?.completed.includes(stepId);
  useEffect(() => {
    // The moment the goal is reached, bring "what just happened" into view.
    if (isDone) success.current?.scrollIntoView({ block: 'nearest' });
  }, [isDone, stepId]);
  useEffect(() => {
    // Moving to a step puts the reader at its title (not on the first load).
    if (document.activeElement?.closest('.lesson-panel')) heading.current?.focus();
  }, [index]);
  if (!open || !lp) return null;
  const steps = open.lesson.steps;
  const step = steps[index];
  if (!step) return null;
  const done = lp.completed.includes(step.id);
  const last = index === steps.length - 1;
  return (
    <article className="lesson-step" aria-labelledby="lesson-step-title">
      <p className="step-count">{S.lesson.stepOf(index + 1, steps.length)}</p>
      <h2 id="lesson-step-title" ref={heading} tabIndex={-1}>
        {step.title}
      </h2>
      <Markdown text={step.text} className="step-text" />
      <section className="task" aria-labelledby="lesson-task-title">
        <h3 id="lesson-task-title">{S.lesson.taskTitle}</h3>
        <Markdown text={step.task} />
      </section>
      <GoalStatusView trackId={`${open.key}#${step.id}`} done={done} />
      {done && (
        <section className="success" aria-labelledby="lesson-success-title" ref={success}>
          <h3 id="lesson-success-title">{S.lesson.successTitle}</h3>
          {step.success ? <Markdown text={step.success} /> : <p>{S.lesson.successDefault}</p>}
          <button type="button" className="primary" onClick={next} disabled={busy !== null}>
            {last ? S.lesson.toQuiz : S.lesson.nextStep}
          </button>
        </section>
      )}
      {!done && (
        <>
          <Hints key={step.id} stepId={step.id} hints={step.hints} />
          <div className="solution-row">
            <button
              type="button"
              className="quiet"
              onClick={() => void showSolution()}
              disabled={busy !== null || !ready}
            >
              {busy?.kind === 'solution' ? S.lesson.solutionRunning : S.lesson.showSolution}
            </button>
            <span className="muted">{S.lesson.solutionHint}</span>
          </div>
        </>
      )}
    </article>
  );
}

export function LessonPanel() {
  const open = useApp((s) => s.openLesson);
  const index = useApp((s) => (s.openLesson ? lessonProgress(s.progress, s.openLesson.key).step : 0));
  const announcement = useApp((s) => s.announcement);
  const busy = useApp((s) => s.busy);
  const error = useApp((s) => s.lessonError);
  const restart = useApp((s) => s.restartLesson);
  if (!open) return null;
  const inQuiz = index >= open.lesson.steps.length;
  return (
    <aside className="lesson-panel" aria-label={S.lesson.panel}>
      <div className="lesson-head">
        <a className="back-link" href={href.map()}>
          {S.lesson.allLessons}
        </a>
        <h1 className="lesson-title">{open.lesson.title}</h1>
        {open.author && <p className="badge author-badge">{S.lesson.authorBadge}</p>}
        <StepList />
      </div>
      <div className="lesson-body">
        {busy?.kind === 'setup' && (
          <p className="lesson-busy" role="status">
            {S.lesson.settingUp(busy.step + 1, busy.of + 1)}
          </p>
        )}
        {error && (
          <p className="lesson-error" role="alert">
            {error}
          </p>
        )}
        {inQuiz ? <Quiz /> : <StepView />}
        <p className="lesson-foot">
          <button type="button" className="quiet" onClick={restart} disabled={busy !== null}>
            {S.lesson.restartLesson}
          </button>
        </p>
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement ? <span key={announcement.id}>{announcement.text}</span> : null}
      </div>
    </aside>
  );
}
