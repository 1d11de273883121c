import { Button, Notice, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { Deployment, Me } from '../../api/types.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { DeploymentFields, IpList } from '../../components/DeploymentFields.tsx';
import { failureMessage, goneMessage, lifetimeLabel } from '../../components/deploymentText.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { domain, formatDateTime, formatMb } from '../../components/labels.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { ConnectionKit } from '../../components/ConnectionKit.tsx';
import { TicketDetails, ticketRows } from '../../components/TicketFields.tsx';
import { useDeployment } from '../../components/useDeployment.ts';
import { hasAny } from '../access.ts';
import { href } from '../route.ts';
import { DeploymentActions } from './DeploymentActions.tsx';
import { DeploymentAudit } from './DeploymentAudit.tsx';
import { takeHandOff } from './handoff.ts';
import { Progress } from '../../components/Progress.tsx';
import { Shares } from './Shares.tsx';

export function DeploymentDetail({ id, me }: { id: number; me: Me }): JSX.Element {
  const [created] = useState(() => takeHandOff(id));
  const loaded = useDeployment(id, created);
  const deployment = loaded.data;

  const back = <a href={href('deployments')}>{__('← All deployments', domain)}</a>;
  if (loaded.gone) {
    return (
      <section>
        {back}
        <Notice status={deployment?.status === 'DELETING' ? 'success' : 'warning'} isDismissible={false}>
          {goneMessage(deployment)}
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
  const failure = failureMessage(deployment);
  return (
    <section aria-labelledby="spp-deployment-title" className="spp-detail">
      {back}
      <h2 id="spp-deployment-title">
        {deployment.name} <StatusBadge status={deployment.status} />
      </h2>
      {/* A failed poll while the deployment is still shown: say so, keep the last known state. */}
      <ErrorNotice error={loaded.error} />
      <Progress deployment={deployment} />
      {failure !== null && (
        <Notice status="error" isDismissible={false}>
          {failure}
        </Notice>
      )}
      <DeploymentActions deployment={deployment} onChange={loaded.setData} />
      <Fields deployment={deployment} />
      <TicketDetails
        deployment={deployment}
        onSaved={loaded.setData}
        button={(label, props) => <Button variant={props.type === 'submit' ? 'primary' : 'secondary'} {...props}>{label}</Button>}
      />
      <ConnectionKit
        deployment={deployment}
        copy={(text) => <CopyButton text={text} />}
        button={(label, onClick) => <Button variant="secondary" isSmall onClick={onClick}>{label}</Button>}
      />
      {deployment.allowedActions.includes('share') && <Shares deploymentId={deployment.id} />}
      {hasAny(me, 'manage_all', 'manage_settings') && (
        <DeploymentAudit key={deployment.updatedAt} deploymentId={deployment.id} />
      )}
    </section>
  );
}

function Fields({ deployment: d }: { deployment: Deployment }): JSX.Element {
  return (
    <DeploymentFields
      deployment={d}
      rows={[
        [__('ID', domain), String(d.id)],
        [__('Owner', domain), `${d.ownerName} (${d.ownerLogin})`],
        [__('Template', domain), `${d.templateName} (${d.osType})`],
        [__('Proxmox node', domain), d.node !== '' ? d.node : '—'],
        [__('VM ID', domain), d.vmid === null ? __('not assigned yet', domain) : String(d.vmid)],
        [__('CPU cores', domain), String(d.cpuCores)],
        [__('RAM', domain), formatMb(d.memoryMb)],
        [__('Disk', domain), sprintf(/* translators: %d: GB */ __('%d GB', domain), d.diskGb)],
        [__('Lifetime', domain), lifetimeLabel(d)],
        [__('Expires', domain), <Countdown deployment={d} />],
        [__('Expires at', domain), formatDateTime(d.expiresAt)],
        [__('IP addresses', domain), <IpList deployment={d} copy={(ip) => <CopyButton text={ip} />} />],
        [__('IP addresses read at', domain), formatDateTime(d.ipAddressesUpdatedAt)],
        [__('Created', domain), formatDateTime(d.createdAt)],
        [__('Last change', domain), formatDateTime(d.updatedAt)],
        [__('Shared with you', domain), d.sharedWithMe ? __('Yes', domain) : __('No', domain)],
        ...ticketRows(d),
      ]}
    />
  );
}
