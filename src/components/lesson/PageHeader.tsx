/** The header of the lesson map and the gallery: the app's name and the way between its places. */
import { href } from '../../lessons/ui/route';
import { S } from '../../strings';

export function PlacesNav(props: { current: 'map' | 'gallery' | 'sandbox' | 'lesson' }) {
  const link = (key: 'map' | 'gallery', to: string, label: string) => (
    <a href={to} aria-current={props.current === key ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav className="places-nav" aria-label={S.lesson.placesNav}>
      {link('map', href.map(), S.lesson.navLessons)}
      {/* The sandbox has its own scenario picker: the gallery link would only crowd its header. */}
      {props.current !== 'sandbox' && link('gallery', href.gallery(), S.lesson.navFreePlay)}
    </nav>
  );
}

export function PageHeader(props: { current: 'map' | 'gallery' }) {
  return (
    <header className="page-header">
      <a className="skip-link" href="#main">
        {S.lesson.skipToContent}
      </a>
      <p className="brand">
        <a href={href.map()}>{S.appName}</a>
      </p>
      <p className="tagline">{S.tagline}</p>
      <span className="spacer" />
      <PlacesNav current={props.current} />
    </header>
  );
}
