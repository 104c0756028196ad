/** The places without a cluster: the lesson map, the example gallery, and "opening a lesson…". */
import { lazy, Suspense } from 'react';
import type { Lesson } from '../../lessons/types';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { LessonMap } from './lazy';
import './lesson.css';

const Gallery = lazy(async () => ({ default: (await import('./Gallery')).Gallery }));

/** `course`: the built-in lessons' data, once loaded (the map waits for it). */
export function LessonPages(props: { course?: readonly Lesson[] }) {
  const route = useApp((s) => s.route);
  if (route.mode === 'gallery')
    return (
      <Suspense fallback={<p className="page-loading">{S.lesson.loading}</p>}>
        <Gallery />
      </Suspense>
    );
  // Before a lesson: its data is loading. Otherwise the map's data, or a share link still being read.
  const opening = route.mode === 'lesson' || route.mode === 'ownLesson' || route.mode === 'lessonUrl';
  const waiting = (
    <p className="page-loading" role="status">
      {opening ? S.lesson.openingLesson : S.lesson.loading}
    </p>
  );
  if (route.mode === 'map' && props.course)
    return (
      <Suspense fallback={waiting}>
        <LessonMap course={props.course} />
      </Suspense>
    );
  return waiting;
}
