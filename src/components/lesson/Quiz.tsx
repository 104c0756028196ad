/**
 * The knowledge check at the end of a lesson: single choice (radio buttons), multiple choice (check
 * boxes) and predict questions (choose, then "Try it" runs the experiment in the simulator and says
 * whether the prediction held). Each question is a fieldset with its prompt as the legend; once answered,
 * every choice shows whether it is right and why.
 */
import { useId, useState } from 'react';
import { gradeQuestion } from '../../lessons/quiz';
import type { QuizQuestion } from '../../lessons/types';
import type { Answer } from '../../lessons/ui/progress';
import { lessonProgress, summarize } from '../../lessons/ui/progress';
import { COURSE } from '../../lessons/catalog';
import { href } from '../../lessons/ui/route';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { Markdown } from './Markdown';

function Question(props: { q: QuizQuestion; n: number; answer: Answer | undefined; practise: boolean }) {
  const { q, n, answer } = props;
  const id = useId();
  const [draft, setDraft] = useState<readonly string[]>([]);
  // Trying again after the first answer: a practice attempt, shown as such and never scored.
  const [practising, setPractising] = useState(props.practise && answer !== undefined);
  const answerQuestion = useApp((s) => s.answerQuestion);
  const tryIt = useApp((s) => s.tryIt);
  const busy = useApp((s) => s.busy);
  const ready = useApp((s) => s.workerStatus === 'running');
  const running = busy?.kind === 'tryIt' && busy.question === q.id;
  const shown = practising ? undefined : (answer?.practice?.selected ?? answer?.selected);
  const selected = shown ?? draft;
  const grade = shown ? gradeQuestion(q, shown) : undefined;
  const first = answer ? gradeQuestion(q, answer.selected) : undefined;
  const multiple = q.type === 'multiple';
  const toggle = (choice: string, on: boolean) =>
    setDraft(multiple ? (on ? [...draft, choice] : draft.filter((c) => c !== choice)) : [choice]);
  const predict = q.type === 'predict' ? q : undefined;
  // A predict answer shows its explanations once the experiment has run (or it could not).
  const reveal = grade !== undefined && (!predict || answer?.tried !== undefined || (!running && !busy));
  const check = () => {
    answerQuestion(q.id, draft);
    setPractising(false);
  };
  const run = () => {
    void tryIt(q.id, shown ?? draft);
    setPractising(false);
  };

  return (
    <li className={`question ${grade && reveal ? (grade.correct ? 'right' : 'wrong') : ''}`}>
      <fieldset aria-describedby={`${id}-kind`} disabled={shown !== undefined || running}>
        <legend>
          <span className="q-number">{S.lesson.questionN(n)}</span> <Markdown text={q.prompt} inline />
        </legend>
        <p id={`${id}-kind`} className="q-kind">
          {S.lesson.questionKind[q.type]}
        </p>
        <ul className="choices">
          {q.choices.map((c) => {
            const g = grade?.choices.find((x) => x.id === c.id);
            const on = selected.includes(c.id);
            return (
              <li
                key={c.id}
                className={`choice ${on ? 'selected' : ''} ${reveal && g ? (g.correct ? 'is-correct' : 'is-wrong') : ''}`}
              >
                <label>
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    name={`${id}-choice`}
                    value={c.id}
                    checked={on}
                    onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                    aria-describedby={reveal ? `${id}-${c.id}-why` : undefined}
                  />
                  <Markdown text={c.text} inline />
                </label>
                {reveal && g && (
                  <div id={`${id}-${c.id}-why`} className="explanation">
                    <p className="verdict">
                      {g.correct ? S.lesson.choiceCorrect : S.lesson.choiceWrong}
                      {on ? ` ${S.lesson.yourChoice}` : ''}
                    </p>
                    <Markdown text={g.explanation} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {predict && (
        <div className="try-it">
          <p className="try-text">
            <strong>{S.lesson.experiment}</strong> <Markdown text={predict.tryIt.text} inline />
          </p>
          {answer?.tried && !practising && (
            <p className={`try-result ${answer.tried.held ? 'held' : 'not-held'}`} role="status">
              {answer.tried.held
                ? grade?.correct
                  ? S.lesson.predictionHeld
                  : S.lesson.predictionMissed
                : S.lesson.experimentUnclear}
            </p>
          )}
          {(!answer?.tried || practising) && (
            <button
              type="button"
              className="primary"
              disabled={(shown === undefined && draft.length === 0) || busy !== null || !ready}
              onClick={run}
            >
              {running ? S.lesson.tryItRunning : answer ? S.lesson.tryItAgain : S.lesson.tryIt}
            </button>
          )}
        </div>
      )}
      {!predict && shown === undefined && (
        <button type="button" className="primary" disabled={draft.length === 0} onClick={check}>
          {answer ? S.lesson.practiceCheck : S.lesson.checkAnswer}
        </button>
      )}
      {grade && reveal && (
        <div className="q-verdicts">
          {answer?.practice && (
            <p className={`q-verdict ${grade.correct ? 'right' : 'wrong'}`}>
              {S.lesson.practiceAttempt(answer.practice.attempts)}:{' '}
              {grade.correct ? S.lesson.practiceRight : S.lesson.practiceWrong}
            </p>
          )}
          {first && (
            <p
              className={`q-verdict ${answer?.practice ? 'first' : ''} ${first.correct ? 'right' : 'wrong'}`}
            >
              {answer?.practice
                ? S.lesson.firstAnswer(first.correct)
                : first.correct
                  ? S.lesson.answerRight
                  : S.lesson.answerWrong}
            </p>
          )}
          <button
            type="button"
            className="quiet"
            disabled={busy !== null}
            onClick={() => {
              setDraft([]);
              setPractising(true);
            }}
          >
            {S.lesson.tryAgain}
          </button>
        </div>
      )}
    </li>
  );
}

export function Quiz() {
  const open = useApp((s) => s.openLesson);
  const progress = useApp((s) => s.progress);
  const retake = useApp((s) => s.retakeQuiz);
  const busy = useApp((s) => s.busy);
  const [round, setRound] = useState(0);
  if (!open) return null;
  const lp = lessonProgress(progress, open.key);
  const sum = summarize(open.lesson, lp);
  const index = COURSE.findIndex((l) => l.id === open.lesson.id);
  const next = !open.author ? COURSE[index + 1] : undefined;
  return (
    <section className="quiz" aria-labelledby="quiz-title">
      <p className="step-count">{S.lesson.quizCount(open.lesson.quiz.length)}</p>
      <h2 id="quiz-title" tabIndex={-1}>
        {S.lesson.quizTitle}
      </h2>
      <p>{S.lesson.quizIntro}</p>
      <ol className="questions">
        {open.lesson.quiz.map((q, i) => (
          <Question key={`${round}-${q.id}`} q={q} n={i + 1} answer={lp.answers[q.id]} practise={round > 0} />
        ))}
      </ol>
      <div className="score" role="status">
        <p>
          <strong>{S.lesson.score(sum.correct, sum.answered, sum.questions)}</strong>
        </p>
        {sum.complete && (
          <>
            <p>{S.lesson.lessonDone(sum.correct, sum.questions)}</p>
            <p className="score-actions">
              {next ? (
                <a className="button primary" href={href.lesson(next.id)}>
                  {S.lesson.nextLesson(next.title)}
                </a>
              ) : (
                <a className="button primary" href={href.map()}>
                  {S.lesson.allLessons}
                </a>
              )}
              <button
                type="button"
                className="quiet"
                disabled={busy !== null}
                onClick={() => {
                  retake();
                  setRound(round + 1);
                }}
              >
                {S.lesson.retakeQuiz}
              </button>
            </p>
          </>
        )}
      </div>
    </section>
  );
}
