import type { ClaimPart, ClaimResult } from '../../core/lessons/claims';
import type { Localized } from '../../core/lessons/names';
import { useLanguage } from '../../i18n';
import { useClaimMessages } from './messages';
import './lessons.css';

export type ClaimView =
  | { kind: 'waiting' | 'changed' | 'not-finished' | 'checking-weights' }
  | { kind: 'checked'; result: ClaimResult };

/** One part of the sentence in the reader's language, the lane named as the page names it. */
function usePartText() {
  const t = useClaimMessages();
  const language = useLanguage((s) => s.language);
  return (part: ClaimPart, labels: readonly Localized[]): string => {
    const lane = labels[part.params.lane]?.[language] ?? t.missing(String(part.params.lane + 1));
    switch (part.code) {
      case 'accuracy':
        return t.accuracy(lane, part.params.value);
      case 'train-loss':
        return t.trainLoss(lane, part.params.value);
      case 'validation-loss':
        return t.validationLoss(lane, part.params.value);
      case 'diverged':
        return t.diverged(lane, part.params.epoch);
      case 'stopped-early':
        return t.stoppedEarly(lane, part.params.epoch, part.params.bestEpoch);
      case 'ran-all':
        return t.ranAll(lane, part.params.epochs);
      case 'overfit':
        return t.overfit(lane, part.params.lowest, part.params.epoch, part.params.final);
      case 'jumps':
        return t.jumps(lane, part.params.count, part.params.final);
      case 'zero-weights':
        return t.zeroWeights(lane, part.params.zeros, part.params.total);
      case 'missing':
        return t.missing(lane);
    }
  };
}

/**
 * "What happened": the lesson's claim evaluated on the lanes this browser just trained, said in
 * numbers, and whether it held. A claim that did not hold says so rather than hiding.
 */
export function WhatHappened({ view, labels }: { view: ClaimView; labels: readonly Localized[] }) {
  const t = useClaimMessages();
  const language = useLanguage((s) => s.language);
  const partText = usePartText();
  let body;
  if (view.kind === 'checked') {
    const { result } = view;
    body = (
      <>
        <ul className="claim-parts">
          {result.parts.map((part, i) => (
            <li key={i}>{partText(part, labels)}</li>
          ))}
        </ul>
        <p className={result.holds ? 'claim-verdict holds' : 'claim-verdict fails'}>
          {result.holds ? t.holds : t.fails}
        </p>
      </>
    );
  } else {
    const text = {
      waiting: t.waiting,
      changed: t.changed,
      'not-finished': t.notFinished,
      'checking-weights': t.checkingWeights,
    }[view.kind];
    body = <p className="hint">{text}</p>;
  }
  return (
    <section
      className="what-happened"
      aria-live="polite"
      lang={language}
      data-claim={view.kind === 'checked' ? (view.result.holds ? 'holds' : 'fails') : view.kind}
    >
      <h3>{t.whatHappened}</h3>
      {body}
    </section>
  );
}
