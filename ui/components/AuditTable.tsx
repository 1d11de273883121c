import { __, sprintf } from '@wordpress/i18n';
import type { AuditEntry } from '../api/types.ts';
import { auditActionLabel, detailText } from './auditLabels.ts';
import { formatDateTime } from './labels.ts';

function resultLabel(result: AuditEntry['result']): string {
  return { success: __('success', 'support-provisioning-portal'), denied: __('denied', 'support-provisioning-portal'), error: __('error', 'support-provisioning-portal') }[result];
}

interface Props {
  entries: AuditEntry[];
  /** Where a deployment's page is (admin routes); without it the name is plain text. */
  deploymentHref?: (id: number) => string;
}

export function AuditTable({ entries, deploymentHref }: Props): JSX.Element {
  if (entries.length === 0) return <p>{__('No audit entries match.', 'support-provisioning-portal')}</p>;
  return (
    <table className="widefat striped spp-table spp-audit">
      <thead>
        <tr>
          <th scope="col">{__('When', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Who', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Action', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Object', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Deployment', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Result', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Details', 'support-provisioning-portal')}</th>
          <th scope="col">{__('IP', 'support-provisioning-portal')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-audit-action={entry.action}>
            <td data-label={__('When', 'support-provisioning-portal')}>
              <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
            </td>
            <td data-label={__('Who', 'support-provisioning-portal')}>{entry.actorId === 0 ? __('system', 'support-provisioning-portal') : entry.actorLogin}</td>
            <td data-label={__('Action', 'support-provisioning-portal')}>
              {auditActionLabel(entry.action)} <code className="spp-audit__key">{entry.action}</code>
            </td>
            <td data-label={__('Object', 'support-provisioning-portal')}>{`${entry.objectType} ${entry.objectId}`.trim()}</td>
            <td data-label={__('Deployment', 'support-provisioning-portal')}>
              <DeploymentCell entry={entry} deploymentHref={deploymentHref} />
            </td>
            <td data-label={__('Result', 'support-provisioning-portal')}>
              <span className={`spp-result spp-result--${entry.result}`}>{resultLabel(entry.result)}</span>
            </td>
            <td data-label={__('Details', 'support-provisioning-portal')} className="spp-details">
              <Details details={entry.details} />
            </td>
            <td data-label={__('IP', 'support-provisioning-portal')}>{entry.ip}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeploymentCell({ entry, deploymentHref }: { entry: AuditEntry; deploymentHref?: (id: number) => string }): JSX.Element {
  if (entry.deploymentId === null) return <>—</>;
  const id = sprintf(/* translators: %d: deployment ID */ __('#%d', 'support-provisioning-portal'), entry.deploymentId);
  const name = entry.deploymentName ?? '';
  return (
    <>
      {deploymentHref && name !== '' ? <a href={deploymentHref(entry.deploymentId)}>{name}</a> : name}{' '}
      <span className="spp-muted">{id}</span>
    </>
  );
}

/** The details as key/value lines, the raw JSON one click away. */
function Details({ details }: { details: Record<string, unknown> }): JSX.Element {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  return (
    <>
      <dl className="spp-audit__details">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{detailText(value)}</dd>
          </div>
        ))}
      </dl>
      <details className="spp-audit__raw">
        <summary>{__('Raw JSON', 'support-provisioning-portal')}</summary>
        <code>{JSON.stringify(details)}</code>
      </details>
    </>
  );
}
