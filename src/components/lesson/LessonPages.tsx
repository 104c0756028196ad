/** The places without a cluster: the lesson map, the example gallery, and "opening a lesson…". */
import { lazy, Suspense } from 'react';
import { useApp } from '../../state/react';
import { S } from '../../strings';
import { LessonMap } from './LessonMap';
import './lesson.css';

const Gallery = lazy(async () => ({ default: (await import('./Gallery')).Gallery }));

export function LessonPages() {
  const route = useApp((s) => s.route);
  if (route.mode === 'gallery')
    return (
      <Suspense fallback={<p className="page-loading">{S.lesson.loading}</p>}>
        <Gallery />
      </Suspense>
    );
  if (route.mode === 'lessonUrl')
    return (
      <p className="page-loading" role="status">
        {S.lesson.openingLesson}
      </p>
    );
  return <LessonMap />;
}
