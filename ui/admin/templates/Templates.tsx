import { Button, CheckboxControl, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { listTemplates, retireTemplate } from '../../api/endpoints.ts';
import type { Template } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';
import { formatHours, formatMb } from '../../components/labels.ts';
import { ImportTemplates } from './ImportTemplates.tsx';
import { whereItRuns } from './TemplateCloneFields.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

export function Templates(): JSX.Element {
  const templates = useLoad(() => listTemplates(true), 'templates');
  const retire = useAction();
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Template | null>(null);
  const [notice, setNotice] = useState('');
  const shown = (templates.data ?? []).filter((t) => showRetired || t.active);

  const changed = (message: string): void => {
    setNotice(message);
    void templates.reload(true);
  };

  return (
    <section aria-labelledby="spp-templates-title">
      <h2 id="spp-templates-title">{__('Templates', 'support-provisioning-portal')}</h2>
      <p>{__('Users can only deploy approved templates. The policy values here decide the size and lifetime of every new deployment.', 'support-provisioning-portal')}</p>
      <CheckboxControl label={__('Show retired templates', 'support-provisioning-portal')} checked={showRetired} onChange={setShowRetired} />
      <ErrorNotice error={templates.error} />
      <ErrorNotice error={retire.error} onDismiss={retire.clear} />
      <p role="status" aria-live="polite" className="spp-action-result">{notice}</p>
      {templates.loading && <Spinner />}
      {templates.data && shown.length === 0 && <p>{__('No templates.', 'support-provisioning-portal')}</p>}
      {shown.length > 0 && (
        <table className="widefat striped spp-table">
          <thead>
            <tr>
              <th scope="col">{__('Name', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Proxmox VM', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Size', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Lifetime', 'support-provisioning-portal')}</th>
              <th scope="col">{__('State', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Actions', 'support-provisioning-portal')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t.id} data-template={t.id}>
                <td data-label={__('Name', 'support-provisioning-portal')}>
                  <strong>{t.name}</strong>
                  {t.description !== '' && <div className="spp-muted">{t.description}</div>}
                </td>
                <td data-label={__('Proxmox VM', 'support-provisioning-portal')}>
                  {sprintf(/* translators: 1: VMID, 2: node */ __('%1$d on %2$s', 'support-provisioning-portal'), t.proxmoxVmid, t.node)} ({t.osType})
                  <div className="spp-muted" data-runs-on>{whereItRuns(t)}</div>
                </td>
                <td data-label={__('Size', 'support-provisioning-portal')}>
                  {sprintf(
                    /* translators: 1: CPU cores, 2: RAM, 3: disk GB */
                    __('%1$d CPU · %2$s RAM · %3$d GB disk', 'support-provisioning-portal'),
                    t.cpuCores,
                    formatMb(t.memoryMb),
                    t.diskGb,
                  )}
                </td>
                <td data-label={__('Lifetime', 'support-provisioning-portal')}>
                  {sprintf(
                    /* translators: 1: default lifetime, 2: maximum lifetime */
                    __('default %1$s, max %2$s', 'support-provisioning-portal'),
                    formatHours(t.defaultTtlHours),
                    formatHours(t.maxTtlHours),
                  )}
                  {t.startAfterCreate && <div className="spp-muted">{__('Starts after creation', 'support-provisioning-portal')}</div>}
                </td>
                <td data-label={__('State', 'support-provisioning-portal')}>{t.active ? __('Approved', 'support-provisioning-portal') : __('Retired', 'support-provisioning-portal')}</td>
                <td data-label={__('Actions', 'support-provisioning-portal')} className="spp-actions">
                  <Button variant="secondary" isSmall onClick={() => setEditing(t)}>
                    {__('Edit', 'support-provisioning-portal')}
                    <span className="screen-reader-text"> {t.name}</span>
                  </Button>
                  {t.active && (
                    <ConfirmButton
                      label={__('Retire', 'support-provisioning-portal')}
                      title={__('Retire this template?', 'support-provisioning-portal')}
                      message={sprintf(
                        /* translators: %s: template name */
                        __('“%s” will no longer be offered for new deployments. Existing deployments keep running; you can import it again later.', 'support-provisioning-portal'),
                        t.name,
                      )}
                      disabled={retire.busy}
                      onConfirm={() => void retire.run(() => retireTemplate(t.id)).then((done) => {
                        if (done) changed(sprintf(/* translators: %s: template name */ __('“%s” retired.', 'support-provisioning-portal'), done.name));
                      })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <TemplateEditor
          template={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            changed(sprintf(/* translators: %s: template name */ __('“%s” saved.', 'support-provisioning-portal'), saved.name));
          }}
        />
      )}
      <ImportTemplates onImported={(t) => changed(sprintf(/* translators: %s: template name */ __('“%s” imported and approved.', 'support-provisioning-portal'), t.name))} />
    </section>
  );
}
