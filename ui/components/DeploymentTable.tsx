import { __ } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { isBusy } from './busy.ts';
import { Countdown } from './Countdown.tsx';
import { ipSummary } from './deploymentText.ts';
import { stepLabel } from './labels.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { TicketSummary } from './TicketFields.tsx';

export interface Column {
  label: string;
  cell: (d: Deployment) => JSX.Element | string;
  /** The cell names its row (a th for screen readers). */
  rowHeader?: boolean;
}

interface Props {
  items: Deployment[];
  columns: Column[];
  className: string;
  caption?: JSX.Element;
}

/** Deployments one per row; each cell carries its column's label for the narrow-screen layout. */
export function DeploymentTable({ items, columns, className, caption }: Props): JSX.Element {
  return (
    <table className={className}>
      {caption}
      <thead>
        <tr>
          {columns.map(({ label }) => <th key={label} scope="col">{label}</th>)}
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} data-deployment={d.id}>
            {columns.map(({ label, cell, rowHeader }) => rowHeader
              ? <th key={label} scope="row" data-label={label}>{cell(d)}</th>
              : <td key={label} data-label={label}>{cell(d)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The status with, while busy, the step under way (its class is the UI's). */
export function statusColumn(stepClassName: string): Column {
  return {
    label: __('Status', 'support-provisioning-portal'),
    cell: (d) => (
      <>
        <StatusBadge status={d.status} />
        {isBusy(d) && d.step !== '' && <span className={stepClassName}>{stepLabel(d.step)}</span>}
      </>
    ),
  };
}

/** Template, expiry and IP addresses, the last columns of both lists. */
export function detailColumns(): Column[] {
  return [
    { label: __('Template', 'support-provisioning-portal'), cell: (d) => d.templateName },
    { label: __('Case', 'support-provisioning-portal'), cell: (d) => <TicketSummary deployment={d} /> },
    { label: __('Expires', 'support-provisioning-portal'), cell: (d) => <Countdown deployment={d} /> },
    { label: __('IP addresses', 'support-provisioning-portal'), cell: ipSummary },
  ];
}
