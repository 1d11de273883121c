import { Button, Notice, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { Deployment, Me } from '../../api/types.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { DeploymentFields, IpList } from '../../components/DeploymentFields.tsx';
import { failureMessage, goneMessage, lifetimeLabel } from '../../components/deploymentText.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatDateTime, formatMb } from '../../components/labels.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { ConnectionKit } from '../../components/ConnectionKit.tsx';
import { TicketDetails, ticketRows } from '../../components/TicketFields.tsx';
import { useDeployment } from '../../components/useDeployment.ts';
import { hasAny } from '../access.ts';
import { href } from '../route.ts';
import { deploymentUrl } from '../../components/deepLink.ts';
import { LinkField } from '../../components/LinkField.tsx';
import { DeploymentActions } from './DeploymentActions.tsx';
import { DeploymentAudit } from './DeploymentAudit.tsx';
import { takeHandOff } from './handoff.ts';
import { Progress } from '../../components/Progress.tsx';
import { Shares } from './Shares.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { Snapshots } from '../../components/Snapshots.tsx';
import { Transfer } from './Transfer.tsx';

export function DeploymentDetail({ id, me }: { id: number; me: Me }): JSX.Element {
  const [created] = useState(() => takeHandOff(id));
  const loaded = useDeployment(id, created);
  const deployment = loaded.data;

  const back = <a href={href('deployments')}>{__('← All deployments', 'support-provisioning-portal')}</a>;
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
      <DeploymentActions deployment={deployment} me={me} onChange={loaded.setData} reload={() => void loaded.reload(true)} />
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
      <Snapshots
        deployment={deployment}
        onChange={loaded.setData}
        mayDeleteBaseline={hasAny(me, 'manage_all')}
        button={(label, props) => <Button variant={props.type === 'submit' ? 'primary' : 'secondary'} {...props}>{label}</Button>}
        confirm={(label, message, onConfirm, disabled) => (
          <ConfirmButton label={label} title={label} message={message} onConfirm={onConfirm} disabled={disabled} />
        )}
      />
      {deployment.allowedActions.includes('share') && <Shares deploymentId={deployment.id} owner={{ login: deployment.ownerLogin, name: deployment.ownerName }} />}
      {deployment.allowedActions.includes('share') && deployment.status !== 'DELETING' && (
        <Transfer deployment={deployment} onChange={loaded.setData} />
      )}
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
        [__('ID', 'support-provisioning-portal'), String(d.id)],
        [__('Owner', 'support-provisioning-portal'), `${d.ownerName} (${d.ownerLogin})`],
        [__('Template', 'support-provisioning-portal'), `${d.templateName} (${d.osType})`],
        [__('Proxmox node', 'support-provisioning-portal'), d.node !== '' ? d.node : '—'],
        ...(d.placement ? [[__('Why this node', 'support-provisioning-portal'), d.placement.reason] as [string, string]] : []),
        [__('VM ID', 'support-provisioning-portal'), d.vmid === null ? __('not assigned yet', 'support-provisioning-portal') : String(d.vmid)],
        [__('CPU cores', 'support-provisioning-portal'), String(d.cpuCores)],
        [__('RAM', 'support-provisioning-portal'), formatMb(d.memoryMb)],
        [__('Disk', 'support-provisioning-portal'), sprintf(/* translators: %d: GB */ __('%d GB', 'support-provisioning-portal'), d.diskGb)],
        [__('Lifetime', 'support-provisioning-portal'), lifetimeLabel(d)],
        [__('Expires', 'support-provisioning-portal'), <Countdown deployment={d} />],
        [__('Expires at', 'support-provisioning-portal'), formatDateTime(d.expiresAt)],
        [__('IP addresses', 'support-provisioning-portal'), <IpList deployment={d} copy={(ip) => <CopyButton text={ip} />} />],
        [__('IP addresses read at', 'support-provisioning-portal'), formatDateTime(d.ipAddressesUpdatedAt)],
        [__('Link to this deployment', 'support-provisioning-portal'), <LinkField url={deploymentUrl(d.id, href('deployments', d.id))} copy={<CopyButton text={deploymentUrl(d.id, href('deployments', d.id))} />} />],
        [__('Created', 'support-provisioning-portal'), formatDateTime(d.createdAt)],
        [__('Last change', 'support-provisioning-portal'), formatDateTime(d.updatedAt)],
        [__('Shared with you', 'support-provisioning-portal'), d.sharedWithMe ? __('Yes', 'support-provisioning-portal') : __('No', 'support-provisioning-portal')],
        ...ticketRows(d),
      ]}
    />
  );
}
