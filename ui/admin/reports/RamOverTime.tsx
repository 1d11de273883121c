import { __, sprintf } from '@wordpress/i18n';
import type { UsagePoint } from '../../api/types.ts';

const width = 690;
const height = 200;
const pad = { left: 72, right: 8, top: 10, bottom: 24 };

/**
 * The site's average RAM in use per bucket (a line), against today's global limit (a dashed
 * line; none when unlimited). Buckets still in the future have no point.
 */
export function RamOverTime({ series, limitMb }: { series: UsagePoint[]; limitMb: number | null }): JSX.Element {
  const values = series.map((point) => point.averageRamMb ?? 0);
  const top = Math.max(1, limitMb ?? 0, ...values);
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const x = (index: number): number => pad.left + (series.length <= 1 ? 0 : (index / (series.length - 1)) * plotWidth);
  const y = (mb: number): number => pad.top + plotHeight - (mb / top) * plotHeight;
  const points = series.flatMap((point, index) => (point.averageRamMb === null ? [] : [`${x(index).toFixed(1)},${y(point.averageRamMb).toFixed(1)}`]));
  const first = series[0]?.start.slice(0, 10) ?? '';
  const last = series[series.length - 1]?.start.slice(0, 10) ?? '';
  return (
    <svg
      className="spp-chart spp-chart--line"
      role="img"
      aria-label={__('Average RAM in use over the period against the global limit', 'support-provisioning-portal')}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <line className="spp-chart__axis" x1={pad.left} y1={pad.top + plotHeight} x2={width - pad.right} y2={pad.top + plotHeight} />
      <text x={pad.left - 4} y={pad.top} textAnchor="end" dominantBaseline="hanging">{sprintf(/* translators: %d: megabytes */ __('%d MB', 'support-provisioning-portal'), top)}</text>
      <text x={pad.left - 4} y={pad.top + plotHeight} textAnchor="end">0</text>
      <text x={pad.left} y={height - 4}>{first}</text>
      <text x={width - pad.right} y={height - 4} textAnchor="end">{last}</text>
      {limitMb !== null && (
        <line className="spp-chart__limit" x1={pad.left} y1={y(limitMb)} x2={width - pad.right} y2={y(limitMb)} data-limit-mb={limitMb}>
          <title>{sprintf(/* translators: %d: megabytes */ __('Global limit: %d MB', 'support-provisioning-portal'), limitMb)}</title>
        </line>
      )}
      <polyline className="spp-chart__line" points={points.join(' ')} data-points={points.length} />
    </svg>
  );
}
