/**
 * The Share button: pauses the run and offers a link that reopens exactly this cluster (scenario, the
 * learner's YAML, every change and fault at its time, the current time, and the lesson and step it is in),
 * or says why it cannot.
 */
import { useMemo, useState } from 'react';
import { ModalDialog } from '../components/presenter/ModalDialog';
import { useApp, useAppStore } from '../state/react';
import { S } from '../strings';
import type * as Codec from './codec';
import { sharedLessonOf } from './lesson';
import { loadShareCodec } from './open';

function ShareDialog(props: { codec: typeof Codec; onClose(): void }) {
  const { encodeShare, MAX_FRAGMENT, shareUrl } = props.codec;
  const scenario = useApp((s) => s.scenario);
  const inputs = useApp((s) => s.inputs);
  const t = useApp((s) => s.t);
  const yaml = useApp((s) => s.yaml);
  const scenarioYaml = useApp((s) => s.scenarioYaml);
  const route = useApp((s) => s.route);
  const openLesson = useApp((s) => s.openLesson);
  const progress = useApp((s) => s.progress);
  const lesson = useMemo(() => sharedLessonOf(route, openLesson, progress), [route, openLesson, progress]);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const result = useMemo(
    () =>
      scenario
        ? encodeShare({
            source: scenario.source,
            inputs,
            t,
            ...(yaml !== scenarioYaml ? { yaml } : {}),
            ...(lesson ? { lesson } : {}),
          })
        : undefined,
    [encodeShare, scenario, inputs, t, yaml, scenarioYaml, lesson],
  );
  const url = result?.ok ? shareUrl(window.location, result.fragment) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <ModalDialog
      title={S.shareTitle}
      className="share-dialog"
      onClose={props.onClose}
      closeLabel={S.shareClose}
      {...(result?.ok
        ? {
            buttons: (
              <button type="button" className="primary" onClick={() => void copy()}>
                {S.shareCopy}
              </button>
            ),
          }
        : {})}
    >
      {!result && <p role="alert">{S.shareNotReady}</p>}
      {result && !result.ok && (
        <p role="alert" className="share-refused">
          {S.shareTooLarge(Math.ceil(result.size / 1024), MAX_FRAGMENT / 1024)}
        </p>
      )}
      {result?.ok && (
        <>
          <p className="help">{S.shareIntro(t)}</p>
          {openLesson && lesson && (
            <p className="help">
              {lesson.kind === 'file'
                ? S.shareOwnLessonLeftOut
                : S.shareLessonIncluded(openLesson.lesson.title)}
            </p>
          )}
          <label className="field">
            <span>{S.shareLinkLabel}</span>
            <input
              type="text"
              readOnly
              value={url}
              autoFocus
              onFocus={(e) => e.currentTarget.select()}
              data-testid="share-url"
            />
          </label>
          <p role="status" className="share-status">
            {copied === 'yes' ? S.shareCopied : copied === 'no' ? S.shareCopyFailed : ''}
          </p>
        </>
      )}
    </ModalDialog>
  );
}

export function ShareButton() {
  const store = useAppStore();
  // The codec (with fflate) is fetched when the learner reaches for the button, and the dialog opens
  // once it is here, so it never shows half-made.
  const [codec, setCodec] = useState<typeof Codec | null>(null);
  const preload = () => void loadShareCodec().catch(() => undefined);
  return (
    <>
      <button
        type="button"
        className="share-button"
        title={S.shareHint}
        aria-haspopup="dialog"
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => {
          if (store.getState().playing) store.getState().pause();
          loadShareCodec().then(setCodec, () => store.getState().notify('error', S.shareCodecFailed));
        }}
      >
        {S.share}
      </button>
      {codec && <ShareDialog codec={codec} onClose={() => setCodec(null)} />}
    </>
  );
}
