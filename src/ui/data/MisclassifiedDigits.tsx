import { useEffect, useRef, useState } from 'react';
import { digitsDataset, exampleImage, mistakes, type Mistake } from '../../core/userdata/digits';
import { useExperiment } from '../../store/experiment';
import { useRun } from '../../store/run';
import { predictExamples } from '../playground/session';
import { useDataMessages } from './messages';
import { loadDigits } from './setup';
import './data.css';

const SHOWN = 24;
const SCALE = 5;

interface Review {
  wrong: Mistake[];
  validationCount: number;
  images: Float32Array[];
  epoch: number;
}

/**
 * After a digits run stops (ends or pauses), the validation images the network got wrong, most
 * confident mistakes first: what overfitting gets wrong, in pictures. Renders nothing for other datasets.
 */
export function MisclassifiedDigits() {
  const t = useDataMessages();
  const config = useExperiment((s) => s.config);
  const phase = useRun((s) => s.phase);
  const epoch = useRun((s) => s.latest?.epoch ?? 0);
  const [review, setReview] = useState<Review | null>(null);
  const digits = config.dataset === 'digits';
  const stopped = phase === 'ended' || phase === 'paused';

  useEffect(() => {
    if (!digits || !stopped || epoch === 0) return;
    let cancelled = false;
    void (async () => {
      const [images, probabilities] = await Promise.all([loadDigits(), predictExamples()]);
      if (cancelled || !probabilities || probabilities.length === 0) return;
      // The same seed and settings give the same images and split the worker trained on.
      const dataset = digitsDataset(images, config);
      if (probabilities.length !== dataset.labels.length * dataset.classes) return;
      const wrong = mistakes(dataset, probabilities);
      setReview({
        wrong,
        validationCount: dataset.validationIndices.length,
        images: wrong.slice(0, SHOWN).map((m) => exampleImage(dataset, m.index)),
        epoch,
      });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [digits, stopped, epoch, config]);

  if (!digits) return null;
  return (
    <section className="card misclassified" aria-labelledby="misclassified-title">
      <h2 id="misclassified-title">{t.misclassifiedTitle}</h2>
      {!review || !stopped ? (
        <p className="empty">{t.misclassifiedWaiting}</p>
      ) : (
        <>
          <p>{t.misclassifiedCount(review.wrong.length, review.validationCount, review.epoch)}</p>
          <ul className="digit-grid">
            {review.wrong.slice(0, SHOWN).map((mistake, i) => (
              <li key={mistake.index}>
                <DigitCanvas
                  pixels={review.images[i]!}
                  label={t.misclassifiedItem(
                    mistake.label,
                    mistake.predicted,
                    Math.round(mistake.confidence * 100),
                  )}
                />
                <span aria-hidden="true">
                  {mistake.label} → <strong>{mistake.predicted}</strong>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DigitCanvas({ pixels, label }: { pixels: Float32Array; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(8, 8);
    for (let i = 0; i < 64; i++) {
      // Ink dark on paper, as the digits were written.
      const shade = Math.round(255 * (1 - pixels[i]!));
      image.data.set([shade, shade, shade, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      width={8}
      height={8}
      style={{ width: 8 * SCALE, height: 8 * SCALE, imageRendering: 'pixelated' }}
      role="img"
      aria-label={label}
    />
  );
}
