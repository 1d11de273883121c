import { Button, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { importTemplate, listProxmoxTemplates } from '../../api/endpoints.ts';
import type { ProxmoxTemplate, Template } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction } from '../../components/hooks.ts';
import { formatMb } from '../../components/labels.ts';

/** Lists the QEMU templates of the Proxmox cluster and approves one with the values Proxmox reports. */
export function ImportTemplates({ onImported }: { onImported: (template: Template) => void }): JSX.Element {
  const load = useAction();
  const add = useAction();
  const [found, setFound] = useState<ProxmoxTemplate[] | null>(null);

  const refresh = (): void => {
    void load.run(listProxmoxTemplates).then((list) => {
      if (list) setFound(list);
    });
  };

  return (
    <div className="spp-panel" aria-labelledby="spp-import-title">
      <h3 id="spp-import-title">{__('Import from Proxmox', 'support-provisioning-portal')}</h3>
      <p>{__('The QEMU templates on every online node of the Proxmox cluster. Importing approves one with the CPU, RAM and disk Proxmox reports; edit its policy, clone mode and copies on other nodes afterwards.', 'support-provisioning-portal')}</p>
      <Button variant="secondary" onClick={refresh} isBusy={load.busy} disabled={load.busy}>
        {found === null ? __('Load templates from Proxmox', 'support-provisioning-portal') : __('Reload', 'support-provisioning-portal')}
      </Button>
      <ErrorNotice error={load.error} onDismiss={load.clear} />
      {load.busy && <Spinner />}
      {found?.length === 0 && <p>{__('The node has no QEMU templates.', 'support-provisioning-portal')}</p>}
      {found !== null && found.length > 0 && (
        <ul className="spp-import-list">
          {found.map((t) => (
            <li key={t.vmid}>
              <span>
                <strong>{t.name}</strong>{' '}
                {sprintf(
                  /* translators: 1: VMID, 2: CPU cores, 3: RAM, 4: disk GB */
                  __('VM %1$d · %2$d CPU · %3$s RAM · %4$d GB disk', 'support-provisioning-portal'),
                  t.vmid,
                  t.cpuCores,
                  formatMb(t.memoryMb),
                  t.diskGb,
                )}
                {t.node !== '' && <> · {sprintf(/* translators: %s: node name */ __('on %s', 'support-provisioning-portal'), t.node)}</>}
                {t.sharedStorage && <> · {__('shared storage', 'support-provisioning-portal')}</>}
              </span>
              {t.approved ? (
                <span className="spp-tag">{__('Approved', 'support-provisioning-portal')}</span>
              ) : (
                <Button
                  variant="primary"
                  isSmall
                  disabled={add.busy}
                  onClick={() => void add.run(() => importTemplate(t.vmid)).then((imported) => {
                    if (!imported) return;
                    onImported(imported);
                    refresh();
                  })}
                >
                  {__('Import', 'support-provisioning-portal')}
                  <span className="screen-reader-text"> {t.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={add.error} onDismiss={add.clear} />
    </div>
  );
}
