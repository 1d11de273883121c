import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { downloadRdpFile } from '../api/endpoints.ts';
import type { ConnectionTarget, Deployment, ResolvedEntry } from '../api/types.ts';
import { describeError } from '../api/errors.ts';
import { saveFile } from './saveFile.ts';

interface Props {
  deployment: Deployment;
  /** The UI's own copy button. */
  copy: (text: string) => JSX.Element;
  /** The UI's own button. */
  button: (label: string, onClick: () => void) => JSX.Element;
}

/**
 * How to connect, once the VM has an address: SSH commands to copy, .rdp files to download, web
 * links and the admin's notes; for managers the Proxmox console. IPv4 first, IPv6 after it.
 */
export function ConnectionKit({ deployment: d, copy, button }: Props): JSX.Element | null {
  const [failure, setFailure] = useState<unknown>(null);
  const kit = d.connection;
  if (kit === null && d.consoleUrl === null) return null;
  const download = (index: number, target: ConnectionTarget): void => {
    setFailure(null);
    downloadRdpFile(d.id, index, target.address).then(({ blob, fileName }) => saveFile(blob, fileName), setFailure);
  };
  return (
    <section className="spp-connection" aria-labelledby={`spp-connection-${d.id}`}>
      <h3 id={`spp-connection-${d.id}`}>{__('Connect', 'support-provisioning-portal')}</h3>
      {failure !== null && <p className="spp-field-error" role="alert">{describeError(failure)}</p>}
      {kit !== null && kit.entries.length === 0 && (
        <p>{__('The template names no way to connect; use the IP addresses above.', 'support-provisioning-portal')}</p>
      )}
      {kit !== null && (
        <ul className="spp-connection__entries">
          {kit.entries.map((entry, position) => (
            <li key={position} className={`spp-connection__entry spp-connection__entry--${entry.kind}`}>
              <Entry entry={entry} copy={copy} button={button} download={download} />
            </li>
          ))}
        </ul>
      )}
      {d.consoleUrl !== null && (
        <p>
          <a href={d.consoleUrl} target="_blank" rel="noopener noreferrer">
            {__('Open the console in Proxmox', 'support-provisioning-portal')}
          </a>{' '}
          <span className="spp-small">{__('(needs your own Proxmox login)', 'support-provisioning-portal')}</span>
        </p>
      )}
    </section>
  );
}

interface EntryProps extends Pick<Props, 'copy' | 'button'> {
  entry: ResolvedEntry;
  download: (index: number, target: ConnectionTarget) => void;
}

function Entry({ entry, copy, button, download }: EntryProps): JSX.Element {
  if (entry.kind === 'note') return <p className="spp-connection__note">{entry.text}</p>;
  const title = entry.label !== '' ? entry.label : kindLabel(entry.kind);
  return (
    <>
      <strong>{title}</strong>
      <ul>
        {entry.targets.map((target) => (
          <li key={target.address}>
            {entry.kind === 'ssh' && target.command !== undefined && (
              <><code>{target.command}</code> {copy(target.command)}</>
            )}
            {entry.kind === 'rdp' && (
              <>
                <code>{target.fullAddress}</code>{' '}
                {button(
                  sprintf(/* translators: %s: address */ __('Download .rdp file for %s', 'support-provisioning-portal'), target.address),
                  () => download(entry.index, target),
                )}
                {entry.user !== '' && (
                  <span className="spp-small"> {sprintf(/* translators: %s: user name */ __('user %s', 'support-provisioning-portal'), entry.user)}</span>
                )}
              </>
            )}
            {entry.kind === 'web' && target.url !== undefined && (
              <a href={target.url} target="_blank" rel="noopener noreferrer">{target.url}</a>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function kindLabel(kind: 'ssh' | 'rdp' | 'web'): string {
  const labels = {
    ssh: __('SSH', 'support-provisioning-portal'),
    rdp: __('Remote Desktop', 'support-provisioning-portal'),
    web: __('Web interface', 'support-provisioning-portal'),
  };
  return labels[kind];
}
