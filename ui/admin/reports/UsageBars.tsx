import { __, sprintf } from '@wordpress/i18n';
import type { UsageRow } from '../../api/types.ts';
import { formatHours } from './format.ts';

const rowHeight = 22;
const labelWidth = 180;
const barSpace = 420;
/** Labels longer than this are cut with an ellipsis (the table and the bar's tooltip show them whole). */
const labelChars = 26;

function shortLabel(label: string): string {
  return label.length > labelChars ? `${label.slice(0, labelChars - 1)}…` : label;
}

/** One horizontal bar per table row, its length the row's RAM GB-hours against the largest. */
export function UsageBars({ rows }: { rows: UsageRow[] }): JSX.Element {
  const largest = Math.max(0, ...rows.map((row) => row.ramGbHours));
  const height = rows.length * rowHeight;
  return (
    <svg
      className="spp-chart spp-chart--bars"
      role="img"
      aria-label={__('RAM GB-hours per row of the table', 'support-provisioning-portal')}
      width={labelWidth + barSpace + 90}
      height={height}
      viewBox={`0 0 ${labelWidth + barSpace + 90} ${height}`}
    >
      {rows.map((row, index) => {
        const width = largest > 0 ? (row.ramGbHours / largest) * barSpace : 0;
        const y = index * rowHeight;
        return (
          <g key={row.key} data-key={row.key}>
            <title>{sprintf(/* translators: 1: user, template or day, 2: GB-hours */ __('%1$s: %2$s GB-hours', 'support-provisioning-portal'), row.label, formatHours(row.ramGbHours))}</title>
            <text x={labelWidth - 6} y={y + rowHeight / 2} textAnchor="end" dominantBaseline="middle">{shortLabel(row.label)}</text>
            <rect className="spp-chart__bar" x={labelWidth} y={y + 3} width={width} height={rowHeight - 6} data-value={row.ramGbHours} />
            <text x={labelWidth + width + 6} y={y + rowHeight / 2} dominantBaseline="middle">{formatHours(row.ramGbHours)}</text>
          </g>
        );
      })}
    </svg>
  );
}
