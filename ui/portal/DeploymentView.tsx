import { __, sprintf } from '@wordpress/i18n';
import type { Deployment, Me } from '../api/types.ts';
import { Countdown } from '../components/Countdown.tsx';
import { DeploymentFields, IpList } from '../components/DeploymentFields.tsx';
import { failureMessage, goneMessage, ipsReadAt, lifetimeLabel } from '../components/deploymentText.ts';
import { formatDateTime, formatMb } from '../components/labels.ts';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { ConnectionKit } from '../components/ConnectionKit.tsx';
import { TicketDetails, ticketRows } from '../components/TicketFields.tsx';
import { Progress } from '../components/Progress.tsx';
import { useDeployment } from '../components/useDeployment.ts';
import { useContext } from '@wordpress/element';
import { deploymentUrl } from '../components/deepLink.ts';
import { LinkField } from '../components/LinkField.tsx';
import { Actions } from './Actions.tsx';
import { InstanceContext } from './instance.ts';
import { Button, ConfirmButton, CopyButton } from './Buttons.tsx';
import { Snapshots } from '../components/Snapshots.tsx';
import { ErrorMessage, Loading, Notice } from './Notice.tsx';
import { Sharing } from './Sharing.tsx';
import type { Navigate } from './view.ts';
import { ViewLink } from './ViewLink.tsx';

interface Props {
  id: number;
  created: Deployment | null;
  me: Me;
  navigate: Navigate;
}

export function DeploymentView({ id, created, me, navigate }: Props): JSX.Element {
  const loaded = useDeployment(id, created);
  const deployment = loaded.data;

  const back = (
    <p>
      <ViewLink to={{ name: 'dashboard' }} navigate={navigate}>{__('← My deployments', 'support-provisioning-portal')}</ViewLink>
    </p>
  );
  if (loaded.gone) {
    return (
      <section>
        {back}
        <Notice tone={deployment?.status === 'DELETING' ? 'success' : 'info'}>
          {goneMessage(deployment)}
        </Notice>
      </section>
    );
  }
  if (deployment === null) {
    return <section>{back}{loaded.loading ? <Loading /> : <ErrorMessage error={loaded.error} />}</section>;
  }
  const failure = failureMessage(deployment);
  return (
    <section className="spp-detail">
      {back}
      <h2>
        {deployment.name} <StatusBadge status={deployment.status} />
      </h2>
      {/* A failed poll while the deployment is still shown: say so, keep the last known state. */}
      <ErrorMessage error={loaded.error} />
      <Progress deployment={deployment} />
      {failure !== null && <Notice tone="error">{failure}</Notice>}
      <Fields deployment={deployment} />
      <TicketDetails
        deployment={deployment}
        onSaved={loaded.setData}
        button={(label, props) => <Button primary={props.type === 'submit'} {...props}>{label}</Button>}
      />
      <ConnectionKit
        deployment={deployment}
        copy={(text) => <CopyButton text={text} />}
        button={(label, onClick) => <Button onClick={onClick}>{label}</Button>}
      />
      <Actions deployment={deployment} me={me} onChange={loaded.setData} reload={() => void loaded.reload(true)} />
      <Snapshots
        deployment={deployment}
        onChange={loaded.setData}
        mayDeleteBaseline={false}
        button={(label, props) => <Button primary={props.type === 'submit'} {...props}>{label}</Button>}
        confirm={(label, message, onConfirm, disabled) => <ConfirmButton label={label} message={message} onConfirm={onConfirm} disabled={disabled} />}
      />
      {deployment.allowedActions.includes('share') && <Sharing deploymentId={deployment.id} owner={{ login: deployment.ownerLogin, name: deployment.ownerName }} />}
    </section>
  );
}

function Fields({ deployment: d }: { deployment: Deployment }): JSX.Element {
  const anchor = useContext(InstanceContext);
  const ips = (
    <IpList deployment={d} copy={(ip) => <CopyButton text={ip} />}>
      {d.ipAddressesUpdatedAt !== null && (
        <li className="spp-small">{ipsReadAt(d.ipAddressesUpdatedAt)}</li>
      )}
    </IpList>
  );
  return (
    <DeploymentFields
      deployment={d}
      rows={[
        [__('IP addresses', 'support-provisioning-portal'), ips],
        [__('Expires', 'support-provisioning-portal'), <Countdown deployment={d} />],
        [__('Lifetime', 'support-provisioning-portal'), lifetimeLabel(d)],
        [__('Template', 'support-provisioning-portal'), `${d.templateName} (${d.osType})`],
        [__('Size', 'support-provisioning-portal'), sprintf(
          /* translators: 1: CPU cores, 2: RAM, 3: disk GB */
          __('%1$d CPU · %2$s RAM · %3$d GB disk', 'support-provisioning-portal'),
          d.cpuCores,
          formatMb(d.memoryMb),
          d.diskGb,
        )],
        [__('Owner', 'support-provisioning-portal'), d.sharedWithMe ? `${d.ownerName} (${d.ownerLogin})` : __('You', 'support-provisioning-portal')],
        [__('VM ID', 'support-provisioning-portal'), d.vmid === null ? __('not assigned yet', 'support-provisioning-portal') : `${d.vmid}${d.node !== '' ? ` (${d.node})` : ''}`],
        [__('Created', 'support-provisioning-portal'), formatDateTime(d.createdAt)],
        [__('Link to this deployment', 'support-provisioning-portal'), <LinkField url={deploymentUrl(d.id, `#${anchor}`)} copy={<CopyButton text={deploymentUrl(d.id, `#${anchor}`)} />} />],
        ...ticketRows(d),
      ]}
    />
  );
}
