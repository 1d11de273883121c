import { __, sprintf } from '@wordpress/i18n';
import { ApiError } from '../api/client.ts';
import { getDeployment } from '../api/endpoints.ts';
import type { Deployment } from '../api/types.ts';
import { Countdown } from '../components/Countdown.tsx';
import { useInterval, useLoad } from '../components/hooks.ts';
import { domain, formatDateTime, formatHours, formatMb } from '../components/labels.ts';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { isBusy, POLL_MS } from '../components/busy.ts';
import { Progress } from '../components/Progress.tsx';
import { Actions } from './Actions.tsx';
import { CopyButton } from './Buttons.tsx';
import { ErrorMessage, Loading, Notice } from './Notice.tsx';
import { Sharing } from './Sharing.tsx';
import type { Navigate } from './view.ts';
import { ViewLink } from './ViewLink.tsx';

interface Props {
  id: number;
  created: Deployment | null;
  navigate: Navigate;
}

export function DeploymentView({ id, created, navigate }: Props): JSX.Element {
  const loaded = useLoad(() => getDeployment(id), String(id), created);
  const deployment = loaded.data;
  // Reading a busy deployment advances its work, so polling is what drives the progress shown.
  useInterval(() => void loaded.reload(true), deployment && isBusy(deployment) ? POLL_MS : null);

  const back = (
    <p>
      <ViewLink to={{ name: 'dashboard' }} navigate={navigate}>{__('← My deployments', domain)}</ViewLink>
    </p>
  );
  if (loaded.error instanceof ApiError && loaded.error.code === 'spp_deployment_not_found') {
    return (
      <section>
        {back}
        <Notice tone={deployment?.status === 'DELETING' ? 'success' : 'info'}>
          {deployment?.status === 'DELETING'
            ? __('The deployment has been deleted: its VM and disks are gone.', domain)
            : __('There is no such deployment, or it is not shared with you.', domain)}
        </Notice>
      </section>
    );
  }
  if (deployment === null) {
    return <section>{back}{loaded.loading ? <Loading /> : <ErrorMessage error={loaded.error} />}</section>;
  }
  return (
    <section className="spp-detail">
      {back}
      <h2>
        {deployment.name} <StatusBadge status={deployment.status} />
      </h2>
      {/* A failed poll while the deployment is still shown: say so, keep the last known state. */}
      <ErrorMessage error={loaded.error} />
      <Progress deployment={deployment} />
      {deployment.status === 'FAILED' && deployment.lastError !== null && (
        <Notice tone="error">{sprintf(/* translators: %s: reason */ __('Provisioning failed: %s', domain), deployment.lastError)}</Notice>
      )}
      <Fields deployment={deployment} />
      <Actions deployment={deployment} onChange={loaded.setData} />
      {deployment.allowedActions.includes('share') && <Sharing deploymentId={deployment.id} />}
    </section>
  );
}

function Fields({ deployment: d }: { deployment: Deployment }): JSX.Element {
  const rows: Array<[string, JSX.Element | string]> = [
    [__('IP addresses', domain), <IpList deployment={d} />],
    [__('Expires', domain), <Countdown deployment={d} />],
    [__('Lifetime', domain), d.neverExpire || d.ttlHours === null ? __('Never expires', domain) : formatHours(d.ttlHours)],
    [__('Template', domain), `${d.templateName} (${d.osType})`],
    [__('Size', domain), sprintf(
      /* translators: 1: CPU cores, 2: RAM, 3: disk GB */
      __('%1$d CPU · %2$s RAM · %3$d GB disk', domain),
      d.cpuCores,
      formatMb(d.memoryMb),
      d.diskGb,
    )],
    [__('Owner', domain), d.sharedWithMe ? `${d.ownerName} (${d.ownerLogin})` : __('You', domain)],
    [__('VM ID', domain), d.vmid === null ? __('not assigned yet', domain) : `${d.vmid}${d.node !== '' ? ` (${d.node})` : ''}`],
    [__('Created', domain), formatDateTime(d.createdAt)],
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
      {d.ipAddressesUpdatedAt !== null && (
        <li className="spp-small">{sprintf(/* translators: %s: date and time */ __('read %s', domain), formatDateTime(d.ipAddressesUpdatedAt))}</li>
      )}
    </ul>
  );
}
