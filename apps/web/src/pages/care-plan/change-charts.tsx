import { useId } from 'react';
import { lowerIsBetter } from '@spn/vocabularies';
import { useMessages } from '../../i18n';

/** One score's change from its baseline at each measurement, in the order they were recorded. */
interface ChangeSeries {
  readonly measure: string;
  readonly name: string;
  readonly lowerIsBetter: boolean;
  readonly points: readonly { readonly recordedAt: string; readonly change: number }[];
}

/** Per measure with a follow-up: each score of the latest baseline, then its change at each follow-up since. */
function changeSeries(
  outcomes: readonly {
    readonly measure: string;
    readonly timepoint: string;
    readonly recordedAt: string;
    readonly scores: readonly { readonly name: string; readonly value: number }[];
  }[],
): ChangeSeries[] {
  const measures = [...new Set(outcomes.map((outcome) => outcome.measure))];
  return measures.flatMap((measure) => {
    const taken = outcomes.filter((outcome) => outcome.measure === measure);
    const baselineAt = taken.findLastIndex((outcome) => outcome.timepoint === 'baseline');
    const baseline = taken[baselineAt];
    const followUps = taken.slice(baselineAt + 1).filter((outcome) => outcome.timepoint !== 'baseline');
    if (!baseline || followUps.length === 0) return [];
    return baseline.scores.map((start) => ({
      measure,
      name: start.name,
      lowerIsBetter: lowerIsBetter(measure, start.name),
      points: [
        { recordedAt: baseline.recordedAt, change: 0 },
        ...followUps.flatMap((followUp) => {
          const score = followUp.scores.find((candidate) => candidate.name === start.name);
          // Metric scores have two decimals: rounding keeps 23.21 - 19.25 at 3.96.
          return score
            ? [
                {
                  recordedAt: followUp.recordedAt,
                  change: Math.round((score.value - start.value) * 100) / 100,
                },
              ]
            : [];
        }),
      ],
    }));
  });
}

const CHART = { width: 200, height: 110, left: 8, right: 8, top: 18, bottom: 18 } as const;

/**
 * Small multiples, one per score, drawn as inline SVG: a line from 0 at the baseline through each
 * follow-up, each point labelled with its signed value, so nothing is read from colour. The SVGs
 * are hidden from assistive technology; the table after them says the same in text.
 */
export function ChangeCharts({
  outcomes,
  scoreLabel,
}: {
  readonly outcomes: Parameters<typeof changeSeries>[0];
  readonly scoreLabel: (name: string) => string;
}) {
  const { t, dateTime, intl } = useMessages();
  const id = useId();
  const series = changeSeries(outcomes);
  if (series.length === 0) return null;
  const signed = (value: number) => intl.formatNumber(value, { signDisplay: 'exceptZero' });
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  return (
    <>
      <h3 id={`${id}-title`}>{t('plan.chart')}</h3>
      <p className="hint">{t('plan.chartHint')}</p>
      <div className="change-charts" role="group" aria-labelledby={`${id}-title`}>
        {series.map((line) => {
          const reach = Math.max(1, ...line.points.map((point) => Math.abs(point.change)));
          const x = (index: number) =>
            CHART.left + (line.points.length === 1 ? 0 : (index / (line.points.length - 1)) * plotWidth);
          const y = (change: number) => CHART.top + plotHeight / 2 - (change / reach) * (plotHeight / 2);
          const caption = t('plan.scoreName', { measure: line.measure, score: scoreLabel(line.name) });
          return (
            <figure key={`${line.measure}-${line.name}`} className="change-chart">
              <figcaption>
                {caption}
                <br />
                <small>{t(line.lowerIsBetter ? 'plan.lowerBetter' : 'plan.higherBetter')}</small>
              </figcaption>
              <svg
                viewBox={`0 0 ${String(CHART.width)} ${String(CHART.height)}`}
                aria-hidden="true"
                focusable="false"
              >
                <line
                  x1={CHART.left}
                  x2={CHART.width - CHART.right}
                  y1={y(0)}
                  y2={y(0)}
                  stroke="currentColor"
                  strokeDasharray="4 3"
                />
                <polyline
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={2}
                  points={line.points
                    .map((point, index) => `${String(x(index))},${String(y(point.change))}`)
                    .join(' ')}
                />
                {line.points.map((point, index) => (
                  <g key={point.recordedAt}>
                    <circle cx={x(index)} cy={y(point.change)} r={3.5} fill="currentColor" />
                    <text
                      x={x(index)}
                      y={point.change < 0 ? y(point.change) + 14 : y(point.change) - 6}
                      textAnchor={index === 0 ? 'start' : index === line.points.length - 1 ? 'end' : 'middle'}
                      fontSize={12}
                      fill="currentColor"
                    >
                      {signed(point.change)}
                    </text>
                  </g>
                ))}
              </svg>
            </figure>
          );
        })}
      </div>
      {/* A table never shrinks below its content, so the 1-pixel box that hides it is a div around it. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('plan.chartTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.score')}</th>
              <th scope="col">{t('plan.recordedOn')}</th>
              <th scope="col">{t('plan.change')}</th>
            </tr>
          </thead>
          <tbody>
            {series.flatMap((line) =>
              line.points.map((point) => (
                <tr key={`${line.measure}-${line.name}-${point.recordedAt}`}>
                  <th scope="row">
                    {t('plan.scoreName', { measure: line.measure, score: scoreLabel(line.name) })}
                  </th>
                  <td>{dateTime(point.recordedAt)}</td>
                  <td className="number">{signed(point.change)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
