/**
 * Free play: the example scenarios as a gallery, each with the opening comment of its file as the
 * description. A card opens the sandbox with that example (`?scenario=<name>`).
 */
import { describeExample } from '../../lessons/ui/examples';
import { href } from '../../lessons/ui/route';
import { S } from '../../strings';
import { Markdown } from './Markdown';
import { PageHeader } from './PageHeader';

const files = import.meta.glob<string>('../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const CARDS = Object.entries(files)
  .map(([path, text]) => describeExample(/([^/]+)\.yaml$/.exec(path)?.[1] ?? path, text))
  .sort((a, b) => a.title.localeCompare(b.title));

export function Gallery() {
  return (
    <div className="page gallery">
      <PageHeader current="gallery" />
      <main className="page-main" id="main">
        <section className="map-intro">
          <h1>{S.lesson.galleryTitle}</h1>
          <p>{S.lesson.galleryIntro}</p>
        </section>
        <ul className="example-grid" aria-label={S.lesson.galleryTitle}>
          {CARDS.map((c) => (
            <li key={c.name} className="example-card">
              <article aria-labelledby={`ex-${c.name}`}>
                <h2 id={`ex-${c.name}`}>{c.title}</h2>
                <Markdown text={c.lead} className="summary" />
                {c.more.length > 0 && (
                  <details>
                    <summary>{S.lesson.moreAbout(c.title)}</summary>
                    {c.more.map((p, i) => (
                      <Markdown key={i} text={p} />
                    ))}
                  </details>
                )}
                <p className="example-name">
                  <code>{c.name}</code>
                </p>
                <a className="button primary" href={href.sandbox(c.name)} aria-describedby={`ex-${c.name}`}>
                  {S.lesson.openExample}
                </a>
              </article>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
