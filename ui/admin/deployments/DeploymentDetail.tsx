import { Notice, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { ApiError } from '../../api/client.ts';
import { getDeployment } from '../../api/endpoints.ts';
import type { Deployment, Me } from '../../api/types.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useInterval, useLoad } from '../../components/hooks.ts';
import { domain, formatDateTime, formatHours, formatMb } from '../../components/labels.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { hasAny } from '../access.ts';
import { href } from '../route.ts';
import { isBusy, POLL_MS } from '../../components/busy.ts';
import { DeploymentActions } from './DeploymentActions.tsx';
import { DeploymentAudit } from './DeploymentAudit.tsx';
import { takeHandOff } from './handoff.ts';
import { Progress } from '../../components/Progress.tsx';
import { Shares } from './Shares.tsx';

export function DeploymentDetail({ id, me }: { id: number; me: Me }): JSX.Element {
  const [created] = useState(() => takeHandOff(id));
  const loaded = useLoad(() => getDeployment(id), String(id), created);
  const deployment = loaded.data;
  // Reading a busy deployment advances its work, so polling is what drives the progress shown.
  useInterval(() => void loaded.reload(true), deployment && isBusy(deployment) ? POLL_MS : null);

  const back = <a href={href('deployments')}>{__('← All deployments', domain)}</a>;
  const gone = loaded.error instanceof ApiError && loaded.error.code === 'spp_deployment_not_found';
  if (gone) {
    return (
      <section>
        {back}
        <Notice status={deployment?.status === 'DELETING' ? 'success' : 'warning'} isDismissible={false}>
          {deployment?.status === 'DELETING'
            ? __('The deployment has been deleted: its VM and disks are gone.', domain)
            : __('There is no such deployment, or it is not shared with you.', domain)}
        </Notice>
      </section>
    );
  }
  if (deployment === null) {
    return (
      <section>
        {back}
        {loaded.loading ? <Spinner /> : <ErrorNotice error={loaded.error} />}
      </section>
    );
  }
  return (
    <section aria-labelledby="spp-deployment-title" className="spp-detail">
      {back}
      <h2 id="spp-deployment-title">
        {deployment.name} <StatusBadge status={deployment.status} />
      </h2>
      {/* A failed poll while the deployment is still shown: say so, keep the last known state. */}
      <ErrorNotice error={loaded.error} />
      <Progress deployment={deployment} />
      {deployment.status === 'FAILED' && deployment.lastError !== null && (
        <Notice status="error" isDismissible={false}>
          {sprintf(/* translators: %s: reason */ __('Provisioning failed: %s', domain), deployment.lastError)}
        </Notice>
      )}
      <DeploymentActions deployment={deployment} onChange={loaded.setData} />
      <Fields deployment={deployment} />
      {deployment.allowedActions.includes('share') && <Shares deploymentId={deployment.id} />}
      {hasAny(me, 'manage_all', 'manage_settings') && (
        <DeploymentAudit key={deployment.updatedAt} deploymentId={deployment.id} />
      )}
    </section>
  );
}

function Fields({ deployment: d }: { deployment: Deployment }): JSX.Element {
  const rows: Array<[string, JSX.Element | string]> = [
    [__('ID', domain), String(d.id)],
    [__('Owner', domain), `${d.ownerName} (${d.ownerLogin})`],
    [__('Template', domain), `${d.templateName} (${d.osType})`],
    [__('Proxmox node', domain), d.node !== '' ? d.node : '—'],
    [__('VM ID', domain), d.vmid === null ? __('not assigned yet', domain) : String(d.vmid)],
    [__('CPU cores', domain), String(d.cpuCores)],
    [__('RAM', domain), formatMb(d.memoryMb)],
    [__('Disk', domain), sprintf(/* translators: %d: GB */ __('%d GB', domain), d.diskGb)],
    [__('Lifetime', domain), d.neverExpire || d.ttlHours === null ? __('Never expires', domain) : formatHours(d.ttlHours)],
    [__('Expires', domain), <Countdown deployment={d} />],
    [__('Expires at', domain), formatDateTime(d.expiresAt)],
    [__('IP addresses', domain), <IpList deployment={d} />],
    [__('IP addresses read at', domain), formatDateTime(d.ipAddressesUpdatedAt)],
    [__('Created', domain), formatDateTime(d.createdAt)],
    [__('Last change', domain), formatDateTime(d.updatedAt)],
    [__('Shared with you', domain), d.sharedWithMe ? __('Yes', domain) : __('No', domain)],
  ];
  if (d.lastError !== null && d.status !== 'FAILED') rows.push([__('Last error', domain), d.lastError]);
  return (
    <dl className="spp-fields">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function IpList({ deployment: d }: { deployment: Deployment }): JSX.Element {
  if (d.ipAddresses.length === 0) {
    return (
      <span>
        {d.ipAddressesHint ?? (d.status === 'RUNNING'
          ? __('None reported yet: the guest agent may still be starting. Use “Refresh IP addresses”.', domain)
          : __('None: the VM is not running.', domain))}
      </span>
    );
  }
  return (
    <ul className="spp-ips">
      {d.ipAddresses.map((ip) => (
        <li key={ip}>
          <code>{ip}</code> <CopyButton text={ip} />
        </li>
      ))}
    </ul>
  );
}
