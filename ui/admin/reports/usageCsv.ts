import { __ } from '@wordpress/i18n';
import type { UsageGroup, UsageReport } from '../../api/types.ts';
import { csvText } from '../../components/csv.ts';

function groupColumn(groupBy: UsageGroup): string {
  if (groupBy === 'user') return __('User', 'support-provisioning-portal');
  if (groupBy === 'template') return __('Template', 'support-provisioning-portal');
  return __('Period start', 'support-provisioning-portal');
}

/** The report's table as CSV: the period in every row, so a pasted row keeps its meaning. */
export function usageCsv(report: UsageReport): string {
  const header = [
    __('From', 'support-provisioning-portal'),
    __('To', 'support-provisioning-portal'),
    groupColumn(report.groupBy),
    __('RAM GB-hours', 'support-provisioning-portal'),
    __('VM-hours', 'support-provisioning-portal'),
    __('Deployments', 'support-provisioning-portal'),
  ];
  return csvText(header, report.rows.map((row) => [report.from, report.to, row.label, row.ramGbHours, row.vmHours, row.deployments]));
}
