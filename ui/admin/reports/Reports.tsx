import { Button, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { getUsageReport } from '../../api/endpoints.ts';
import type { UsageGroup, UsageReport } from '../../api/types.ts';
import { downloadCsv } from '../../components/csv.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useDebounced, useLoad } from '../../components/hooks.ts';
import { formatHours } from './format.ts';
import { lastDays, queryOf, type DayRange } from './period.ts';
import { RamOverTime } from './RamOverTime.tsx';
import { UsageBars } from './UsageBars.tsx';
import { usageCsv } from './usageCsv.ts';

function groupOptions(): Array<{ value: UsageGroup; label: string }> {
  return [
    { value: 'user', label: __('Per user', 'support-provisioning-portal') },
    { value: 'template', label: __('Per template', 'support-provisioning-portal') },
    { value: 'site', label: __('Site, per day or hour', 'support-provisioning-portal') },
  ];
}

/** Usage report (managers): RAM-hours and VM-hours over a period of whole local days. */
export function Reports(): JSX.Element {
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const [groupBy, setGroupBy] = useState<UsageGroup>('user');
  const query = queryOf(useDebounced(range), groupBy);
  const report = useLoad<UsageReport | null>(async () => (query === null ? null : getUsageReport(query)), JSON.stringify(query));

  return (
    <section aria-labelledby="spp-reports-title">
      <h2 id="spp-reports-title">{__('Usage report', 'support-provisioning-portal')}</h2>
      <p>
        {__('RAM-hours count the RAM a deployment holds against the quota (provisioning, stopped, running, deleting) for each hour; VM-hours count the hours a deployment holds a VM. Figures come from the recorded status changes.', 'support-provisioning-portal')}
      </p>
      <div className="spp-filters">
        <TextControl label={__('From', 'support-provisioning-portal')} type="date" value={range.from} onChange={(from: string) => setRange({ ...range, from })} />
        <TextControl label={__('To', 'support-provisioning-portal')} type="date" value={range.to} onChange={(to: string) => setRange({ ...range, to })} />
        <SelectControl
          label={__('Group by', 'support-provisioning-portal')}
          value={groupBy}
          options={groupOptions()}
          onChange={(value: string) => setGroupBy(groupOptions().find((option) => option.value === value)?.value ?? 'user')}
        />
      </div>
      {query === null && <p className="spp-field-error" role="alert">{__('Choose the first and the last day of the period.', 'support-provisioning-portal')}</p>}
      <ErrorNotice error={report.error} />
      {report.loading && <Spinner />}
      {report.data && !report.loading && <ReportView report={report.data} />}
    </section>
  );
}

function ReportView({ report }: { report: UsageReport }): JSX.Element {
  const onExport = (): void => downloadCsv(`usage-${report.groupBy}-${report.from.slice(0, 10)}.csv`, usageCsv(report));
  const limit = report.globalLimitMb === null
    ? __('unlimited', 'support-provisioning-portal')
    : sprintf(/* translators: %d: megabytes */ __('%d MB', 'support-provisioning-portal'), report.globalLimitMb);
  return (
    <>
      <p className="spp-report-totals">
        {sprintf(
          /* translators: 1: RAM GB-hours, 2: VM hours */
          __('In the period: %1$s RAM GB-hours, %2$s VM-hours.', 'support-provisioning-portal'),
          formatHours(report.totals.ramGbHours),
          formatHours(report.totals.vmHours),
        )}{' '}
        {sprintf(
          /* translators: 1: megabytes in use now, 2: the global limit (e.g. "8192 MB" or "unlimited") */
          __('RAM in use now: %1$d MB (global limit: %2$s).', 'support-provisioning-portal'),
          report.currentRamMb,
          limit,
        )}
      </p>
      <h3>{__('RAM in use over time', 'support-provisioning-portal')}</h3>
      <RamOverTime series={report.series} limitMb={report.globalLimitMb} />
      <h3>{__('RAM GB-hours', 'support-provisioning-portal')}</h3>
      {report.rows.length === 0 ? (
        <p>{__('No deployment held RAM or a VM in this period.', 'support-provisioning-portal')}</p>
      ) : (
        <UsageBars rows={report.rows} />
      )}
      <div className="spp-actions">
        <Button variant="secondary" onClick={onExport} disabled={report.rows.length === 0}>
          {__('Export CSV', 'support-provisioning-portal')}
        </Button>
      </div>
      <table className="widefat striped spp-report-table">
        <thead>
          <tr>
            <th scope="col">{groupOptions().find((option) => option.value === report.groupBy)?.label}</th>
            <th scope="col">{__('RAM GB-hours', 'support-provisioning-portal')}</th>
            <th scope="col">{__('VM-hours', 'support-provisioning-portal')}</th>
            <th scope="col">{__('Deployments', 'support-provisioning-portal')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.label}</th>
              <td data-value={row.ramGbHours}>{formatHours(row.ramGbHours)}</td>
              <td>{formatHours(row.vmHours)}</td>
              <td>{row.deployments ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
