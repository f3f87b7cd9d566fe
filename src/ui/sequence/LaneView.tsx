import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SEQUENCE_TASK } from '../../core/sequence/tasks';
import type { LengthBucket } from '../../core/sequence/trainer';
import { useLanguage } from '../../i18n';
import type { SequenceLane } from '../../store/sequence';
import { AccuracyChart, LossChart } from '../charts';
import { AttentionMapsView } from './AttentionMap';
import { useSequenceMessages } from './messages';
import { summaryText } from '../playground/statusText';

const percent = (v: number) => `${Math.round(v * 100)}%`;

function LengthBars({ buckets }: { buckets: readonly LengthBucket[] }) {
  const t = useSequenceMessages();
  const data = buckets.map((b) => ({ length: t.lengthRange(b.from, b.to), accuracy: b.accuracy }));
  return (
    <figure className="length-bars" aria-label={t.byLength}>
      <figcaption>{t.byLength}</figcaption>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e8ecf1" vertical={false} />
          <XAxis dataKey="length" fontSize={12} stroke="#7b8794" />
          <YAxis domain={[0, 1]} tickFormatter={percent} fontSize={12} stroke="#7b8794" width={44} />
          <Tooltip
            formatter={(value) => percent(Number(value))}
            labelFormatter={(label) => `${t.lengthAxis} ${String(label)}`}
            isAnimationActive={false}
          />
          <Bar dataKey="accuracy" name={t.validationAccuracy} fill="#1f3a5f" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {/* The numbers in text too: the bars alone say nothing to a screen reader. */}
      <ul className="visually-hidden">
        {buckets.map((b) => (
          <li key={b.from}>
            {t.lengthAxis} {t.lengthRange(b.from, b.to)}: {percent(b.accuracy)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function LaneView({
  lane,
  index,
  training,
}: {
  lane: SequenceLane;
  index: number;
  training: boolean;
}) {
  const t = useSequenceMessages();
  const language = useLanguage((state) => state.language);
  const latest = lane.history.at(-1);
  const task = SEQUENCE_TASK[lane.config.task];
  const title = lane.label
    ? lane.label[language]
    : `${lane.config.model === 'lstm' ? t.modelLstm : t.modelTransformer}`;
  const status = lane.summary ? summaryText(lane.summary, language) : training ? t.training : t.idle;
  const labels = { train: t.trainLoss, validation: t.validationLoss, x: t.epoch };
  return (
    <section className="sequence-lane" aria-labelledby={`sequence-lane-${index}`} data-lane={index}>
      <h3 id={`sequence-lane-${index}`}>{title}</h3>
      <p className="lane-status" role="status" aria-label={t.laneStatus}>
        {latest
          ? `${t.epochOf(latest.epoch, lane.config.epochs)} · ${t.validationAccuracy} ${percent(latest.validationAccuracy ?? 0)}`
          : ''}{' '}
        {status}
      </p>
      {lane.history.length > 0 && (
        <>
          <LossChart history={lane.history} axis="epoch" log={false} labels={labels} height={160} />
          <AccuracyChart
            history={lane.history}
            axis="epoch"
            labels={{ train: t.trainAccuracy, validation: t.validationAccuracy, x: t.epoch }}
            height={140}
          />
          <p className="control-note">{t.chance(Math.round(100 / task.classes))}</p>
          <LengthBars buckets={latest!.accuracyByLength} />
        </>
      )}
      <h4>{t.attention}</h4>
      {lane.config.model === 'lstm' ? (
        <p className="control-note">{t.noAttention}</p>
      ) : lane.attention ? (
        <AttentionMapsView maps={lane.attention} classLabels={task.classLabels} />
      ) : (
        <p className="control-note">{t.noAttentionYet}</p>
      )}
    </section>
  );
}
