import { __ } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { ipHint } from './deploymentText.ts';

export type FieldRow = [string, JSX.Element | string];

/**
 * A deployment's facts as label/value rows; a last error (or why it waits) ends them unless FAILED
 * shows it as a notice.
 */
export function DeploymentFields({ deployment: d, rows }: { deployment: Deployment; rows: FieldRow[] }): JSX.Element {
  const all: FieldRow[] = [...rows];
  if (d.otherConnection) {
    all.push([__('Connection', 'support-provisioning-portal'), __('Made on another Proxmox connection (or the mock): the portal does not reach its VM; only its record can be deleted.', 'support-provisioning-portal')]);
  }
  if (d.lastError !== null && d.status !== 'FAILED') {
    all.push(d.lastError.startsWith('waiting: ') ? [__('Waiting', 'support-provisioning-portal'), d.lastError.slice('waiting: '.length)] : [__('Last error', 'support-provisioning-portal'), d.lastError]);
  }
  return (
    <dl className="spp-fields">
      {all.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface IpListProps {
  deployment: Deployment;
  /** The UI's own copy button. */
  copy: (ip: string) => JSX.Element;
  /** Items after the addresses. */
  children?: JSX.Element | false;
}

export function IpList({ deployment: d, copy, children }: IpListProps): JSX.Element {
  if (d.ipAddresses.length === 0) return <span>{ipHint(d)}</span>;
  return (
    <ul className="spp-ips">
      {d.ipAddresses.map((ip) => (
        <li key={ip}>
          <code>{ip}</code> {copy(ip)}
        </li>
      ))}
      {children}
    </ul>
  );
}
