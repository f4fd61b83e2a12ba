import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricResultView } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { MetricTrend } from '../../store/types';
import { limitText, localDay, trendRateText } from './metric-format';

// Drawn as SVG by recharts, with a fixed size: the tile has room for it at any window width,
// and a fixed size renders the same in jsdom (which measures nothing) as in Chromium. Colours
// are SVG attributes, which the CSP's style-src 'self' does not govern; they repeat the
// palette of styles.css (--ink, --block, --line).
const WIDTH = 380;
const HEIGHT = 150;
const INK = '#111';
const BLOCK = '#a00018';
const GRID = '#d0d0d0';

type Props = {
  metric: Pick<MetricResultView, 'id' | 'target'>;
  days: number;
  points: MetricTrend['points'];
};

/** The axis from 0 up past the limit for a "less than" figure; down past the limit up to 100 % for the others. */
function domainOf(limit: number, values: number[], condition: MetricResultView['target']['condition']): [number, number] {
  if (condition === 'LESS_THAN') {
    const top = Math.max(limit * 1.5, ...values);
    return [0, Math.ceil(top)];
  }
  const bottom = Math.min(limit - Math.max(100 - limit, 5), ...values);
  return [Math.max(0, Math.floor(bottom)), 100];
}

export function TrendChart({ metric, days, points }: Props) {
  const { t, language } = useI18n();
  const limit = metric.target.value * 100;
  const data = points.map((point) => ({ day: localDay(point.at, language), percent: point.rate === null ? null : point.rate * 100 }));
  const values = data.flatMap((point) => (point.percent === null ? [] : [point.percent]));
  const target = limitText(t, language, metric.target);
  const first = points.find((point) => point.rate !== null);
  const last = [...points].reverse().find((point) => point.rate !== null);
  const caption = t('metrics.trend.caption', {
    metric: t(`metrics.name.${metric.id}`),
    days,
    first: trendRateText(t, language, first?.rate ?? null),
    last: trendRateText(t, language, last?.rate ?? null),
    target,
  });

  if (values.length === 0) {
    return (
      <p className="metric-trend metric-trend-empty hint" data-testid={`metric-trend-${metric.id}`} data-points={0}>
        {t('metrics.trend.none')}
      </p>
    );
  }
  return (
    <figure className="metric-trend" data-testid={`metric-trend-${metric.id}`} data-points={points.length}>
      <LineChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={caption}>
        <CartesianGrid stroke={GRID} strokeDasharray="2 4" vertical={false} />
        <XAxis dataKey="day" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 13, fill: INK }} stroke={INK} />
        <YAxis
          domain={domainOf(limit, values, metric.target.condition)}
          width={44}
          tick={{ fontSize: 13, fill: INK }}
          stroke={INK}
          tickFormatter={(value: number) => `${value}%`}
          allowDecimals={false}
        />
        <ReferenceLine
          y={limit}
          stroke={BLOCK}
          strokeWidth={2}
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          // Above the line when it runs through the chart ("less than"), below it when it is
          // at or near the top (a "greater than" or "equals" limit close to 100 %).
          label={{ value: t('metrics.trend.limit', { target }), position: metric.target.condition === 'LESS_THAN' ? 'insideBottomLeft' : 'insideTopLeft', fill: BLOCK, fontSize: 13 }}
        />
        <Tooltip
          formatter={(value) => trendRateText(t, language, typeof value === 'number' ? value / 100 : null)}
          separator=" "
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="percent"
          name={t(`metrics.name.${metric.id}`)}
          stroke={INK}
          strokeWidth={3}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
      <figcaption className="visually-hidden">{caption}</figcaption>
    </figure>
  );
}
