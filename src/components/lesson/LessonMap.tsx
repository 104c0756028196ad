/**
 * The lesson map: the course's lessons in order with their summaries, the learner's progress and a mark
 * on the completed ones; a way into free play; opening a lesson file of one's own; and exporting or
 * importing progress as a JSON file.
 */
import { useId, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { Lesson } from '../../lessons/types';
import { MAX_PROGRESS_BYTES, lessonProgress, summarize } from '../../lessons/ui/progress';
import { href } from '../../lessons/ui/route';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { Diagnostics } from '../layout/Diagnostics';
import { Notices } from '../layout/Notices';
import { OWN_LESSON_KEY } from './lessonSources';
import { PageHeader } from './PageHeader';

const MAX_LESSON_BYTES = 1024 * 1024;

function readFile(e: ChangeEvent<HTMLInputElement>): File | undefined {
  const input = e.currentTarget;
  const file = input.files?.[0];
  input.value = '';
  return file;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function LessonCard(props: { n: number; lesson: Lesson }) {
  const { lesson } = props;
  const progress = useApp((s) => s.progress);
  const lp = lessonProgress(progress, lesson.id);
  const sum = summarize(lesson, lp);
  const titleId = `lesson-${lesson.id}-title`;
  const action = sum.complete ? S.lesson.review : sum.started ? S.lesson.continue : S.lesson.start;
  return (
    <li className={`lesson-card ${sum.complete ? 'complete' : sum.started ? 'started' : ''}`}>
      <article aria-labelledby={titleId}>
        <div className="card-top">
          <span className="lesson-number" aria-hidden="true">
            {String(props.n).padStart(2, '0')}
          </span>
          {sum.complete && (
            <span className="done-mark">
              <span aria-hidden="true">✓ </span>
              {S.lesson.completedMark}
            </span>
          )}
        </div>
        <h3 id={titleId}>
          <span className="visually-hidden">{S.lesson.lessonN(props.n)} </span>
          {lesson.title}
        </h3>
        <p className="summary">{lesson.summary}</p>
        <div className="card-progress">
          <meter
            min={0}
            max={sum.steps + sum.questions}
            value={sum.stepsDone + sum.answered}
            aria-label={S.lesson.progressOf(lesson.title)}
          />
          <span>
            {S.lesson.progressText(sum.stepsDone, sum.steps, sum.correct, sum.answered, sum.questions)}
          </span>
        </div>
        <a
          className={`button ${sum.complete ? '' : 'primary'}`}
          href={href.lesson(lesson.id)}
          aria-describedby={titleId}
        >
          {action}
        </a>
      </article>
    </li>
  );
}

function ProgressTools(props: { course: readonly Lesson[] }) {
  const id = useId();
  const exportProgress = useApp((s) => s.exportProgress);
  const importProgress = useApp((s) => s.importProgress);
  const [result, setResult] = useState<{ ok: boolean; text: string; lines: readonly string[] } | null>(null);
  const onExport = () => {
    const blob = new Blob([exportProgress()], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'setpoint-progress.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setResult({ ok: true, text: S.lesson.exported, lines: [] });
  };
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = readFile(e);
    if (!file) return;
    if (file.size > MAX_PROGRESS_BYTES) {
      setResult({ ok: false, text: S.lesson.importTooLarge(file.name), lines: [] });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setResult({ ok: false, text: S.fileUnreadable(file.name), lines: [] });
      return;
    }
    const problems = importProgress(text, (id) => props.course.find((l) => l.id === id));
    setResult(
      problems.length
        ? { ok: false, text: S.lesson.importFailed(file.name), lines: problems }
        : { ok: true, text: S.lesson.imported(file.name), lines: [] },
    );
  };
  return (
    <section className="map-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{S.lesson.progressTitle}</h2>
      <p>{S.lesson.progressIntro}</p>
      <div className="button-row">
        <button type="button" onClick={onExport}>
          {S.lesson.exportProgress}
        </button>
        <label className="button file-button">
          {S.lesson.importProgress}
          <input
            type="file"
            accept=".json,application/json"
            className="file-input"
            aria-label={S.lesson.importProgressLabel}
            onChange={(e) => void onImport(e)}
          />
        </label>
      </div>
      {result && (
        <div className={`map-result ${result.ok ? 'ok' : 'bad'}`} role={result.ok ? 'status' : 'alert'}>
          <p>{result.text}</p>
          <Diagnostics lines={result.lines} />
        </div>
      )}
    </section>
  );
}

function OwnLesson() {
  const id = useId();
  const [problems, setProblems] = useState<{ file: string; lines: readonly string[] } | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = readFile(e);
    if (!file) return;
    if (file.size > MAX_LESSON_BYTES) {
      setProblems({ file: file.name, lines: [S.lesson.lessonTooLarge] });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setProblems({ file: file.name, lines: [S.fileUnreadable(file.name)] });
      return;
    }
    // The validator pulls in the scenario checker, so it loads only when an author opens a file.
    const { LessonError, formatPath, parseLessonText } = await import('../../lessons/validate');
    try {
      parseLessonText(text);
    } catch (err) {
      if (!(err instanceof LessonError)) throw err;
      setProblems({ file: file.name, lines: err.problems.map((p) => `${formatPath(p.path)}: ${p.message}`) });
      return;
    }
    try {
      storage()?.setItem(OWN_LESSON_KEY, text);
    } catch {
      setProblems({ file: file.name, lines: [S.lesson.ownLessonNotSaved] });
      return;
    }
    window.location.assign(href.ownLesson());
  };
  return (
    <section className="map-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{S.lesson.ownTitle}</h2>
      <p>{S.lesson.ownIntro}</p>
      <label className="button file-button">
        {S.lesson.openOwn}
        <input
          type="file"
          accept=".yaml,.yml,.json,text/yaml,application/json"
          className="file-input"
          aria-label={S.lesson.openOwnLabel}
          onChange={(e) => void onFile(e)}
        />
      </label>
      {problems && (
        <div className="map-result bad" role="alert">
          <p>{S.lesson.authorInvalid(problems.file)}</p>
          <Diagnostics lines={problems.lines} />
        </div>
      )}
    </section>
  );
}

/** `course`: the built-in lessons' data, in course order (their progress is drawn from it). */
export function LessonMap(props: { course: readonly Lesson[] }) {
  const authorProblems = useApp((s) => s.authorProblems);
  return (
    <div className="page lesson-map">
      <PageHeader current="map" />
      <main className="page-main" id="main">
        <Notices />
        {authorProblems && (
          <section
            className="map-result bad author-problems"
            role="alert"
            aria-labelledby="author-problems-h"
          >
            <h2 id="author-problems-h">{S.lesson.authorInvalid(authorProblems.source)}</h2>
            <p>{S.lesson.authorFix}</p>
            <Diagnostics lines={authorProblems.lines} />
          </section>
        )}
        <section className="map-intro">
          <h1>{S.lesson.mapTitle}</h1>
          <p>{S.lesson.mapIntro}</p>
        </section>
        <ol className="lesson-grid" aria-label={S.lesson.mapTitle}>
          {props.course.map((l, i) => (
            <LessonCard key={l.id} n={i + 1} lesson={l} />
          ))}
        </ol>
        <div className="map-columns">
          <section className="map-section" aria-labelledby="free-play-h">
            <h2 id="free-play-h">{S.lesson.freePlayTitle}</h2>
            <p>{S.lesson.freePlayIntro}</p>
            <a className="button" href={href.gallery()}>
              {S.lesson.openGallery}
            </a>
          </section>
          <OwnLesson />
          <ProgressTools course={props.course} />
        </div>
      </main>
    </div>
  );
}
