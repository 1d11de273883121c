import { Button, CheckboxControl, Modal, TextareaControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { saveConnectionProfile, updateTemplate } from '../../api/endpoints.ts';
import type { ConnectionEntry, Template, TemplatePolicy } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { useAction } from '../../components/hooks.ts';
import { TemplateAutoStopFields, type AutoStopForm } from './TemplateAutoStopFields.tsx';
import { ConnectionProfileEditor } from './ConnectionProfileEditor.tsx';
import { cloneChanges, cloneFormOf, TemplateCloneFields, type CloneForm } from './TemplateCloneFields.tsx';
import { TemplateLifetimeCapFields, type LifetimeCapForm } from './TemplateLifetimeCapFields.tsx';

type NumberField = 'cpuCores' | 'memoryMb' | 'diskGb' | 'defaultTtlHours' | 'maxTtlHours';

function numberFields(): Array<[NumberField, string]> {
  return [
    ['cpuCores', __('CPU cores', 'support-provisioning-portal')],
    ['memoryMb', __('RAM (MB)', 'support-provisioning-portal')],
    ['diskGb', __('Disk (GB)', 'support-provisioning-portal')],
    ['defaultTtlHours', __('Default lifetime (hours)', 'support-provisioning-portal')],
    ['maxTtlHours', __('Maximum lifetime (hours)', 'support-provisioning-portal')],
  ];
}

interface Props {
  template: Template;
  onClose: () => void;
  onSaved: (template: Template) => void;
}

/** Edits a template's policy values; the server checks the ranges and shows what is wrong per field. */
export function TemplateEditor({ template, onClose, onSaved }: Props): JSX.Element {
  const save = useAction();
  const [text, setText] = useState({ name: template.name, description: template.description, osType: template.osType });
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    cpuCores: String(template.cpuCores),
    memoryMb: String(template.memoryMb),
    diskGb: String(template.diskGb),
    defaultTtlHours: String(template.defaultTtlHours),
    maxTtlHours: String(template.maxTtlHours),
  });
  const [startAfterCreate, setStartAfterCreate] = useState(template.startAfterCreate);
  const [requireTicketRef, setRequireTicketRef] = useState(template.requireTicketRef);
  const [baselineSnapshot, setBaselineSnapshot] = useState(template.baselineSnapshot);
  const [profile, setProfile] = useState<ConnectionEntry[]>(template.connectionProfile);
  const [clone, setClone] = useState<CloneForm>(cloneFormOf(template));
  const [caps, setCaps] = useState<LifetimeCapForm>({
    maxLifetimeHours: String(template.maxLifetimeHours),
    allowNeverExpire: template.allowNeverExpire,
  });
  const [autoStop, setAutoStop] = useState<AutoStopForm>({ autoStopTime: template.autoStopTime, autoStopDays: template.autoStopDays });

  const onSubmit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    if (save.busy) return;
    const policy: Partial<TemplatePolicy> = {
      ...text, startAfterCreate, requireTicketRef, baselineSnapshot, ...cloneChanges(template, clone),
      maxLifetimeHours: Number(caps.maxLifetimeHours), allowNeverExpire: caps.allowNeverExpire, ...autoStop,
    };
    for (const [field] of numberFields()) policy[field] = Number(numbers[field]);
    void save.run(async () => {
      const updated = await updateTemplate(template.id, policy);
      // The profile has its own route (and audit row): only sent when it changed.
      if (JSON.stringify(profile) === JSON.stringify(template.connectionProfile)) return updated;
      const saved = await saveConnectionProfile(template.id, profile);
      return { ...updated, connectionProfile: saved.entries };
    }).then((saved) => {
      if (saved) onSaved(saved);
    });
  };

  return (
    <Modal title={sprintf(/* translators: %s: template name */ __('Edit template “%s”', 'support-provisioning-portal'), template.name)} onRequestClose={onClose}>
      <form onSubmit={onSubmit} className="spp-editor">
        <TextControl label={__('Name', 'support-provisioning-portal')} value={text.name} onChange={(name: string) => setText({ ...text, name })} />
        <FieldError error={save.error} field="name" />
        <TextareaControl
          label={__('Description', 'support-provisioning-portal')}
          value={text.description}
          onChange={(description: string) => setText({ ...text, description })}
        />
        <FieldError error={save.error} field="description" />
        <TextControl
          label={__('OS type (Proxmox ostype)', 'support-provisioning-portal')}
          value={text.osType}
          onChange={(osType: string) => setText({ ...text, osType })}
          help={__('For example l26 (Linux) or win11.', 'support-provisioning-portal')}
        />
        <FieldError error={save.error} field="osType" />
        {numberFields().map(([field, label]) => (
          <div key={field}>
            <TextControl
              label={label}
              type="number"
              min={1}
              value={numbers[field]}
              onChange={(value: string) => setNumbers({ ...numbers, [field]: value })}
            />
            <FieldError error={save.error} field={field} />
          </div>
        ))}
        <CheckboxControl
          label={__('Start the VM once it is created', 'support-provisioning-portal')}
          checked={startAfterCreate}
          onChange={setStartAfterCreate}
        />
        <CheckboxControl
          label={__('Require a ticket reference for new deployments', 'support-provisioning-portal')}
          checked={requireTicketRef}
          onChange={setRequireTicketRef}
        />
        <CheckboxControl
          label={__('Take a baseline snapshot after provisioning, so deployments can be reset to clean', 'support-provisioning-portal')}
          help={__('Needs a storage with snapshots (LVM-thin, ZFS, Ceph RBD, qcow2 files).', 'support-provisioning-portal')}
          checked={baselineSnapshot}
          onChange={setBaselineSnapshot}
        />
        <TemplateLifetimeCapFields form={caps} onChange={setCaps} error={save.error} />
        <TemplateAutoStopFields form={autoStop} onChange={setAutoStop} error={save.error} />
        <TemplateCloneFields template={template} form={clone} onChange={setClone} error={save.error} />
        <ConnectionProfileEditor entries={profile} onChange={setProfile} error={save.error} />
        <ErrorNotice error={save.error} onDismiss={save.clear} />
        <div className="spp-actions">
          <Button variant="tertiary" onClick={onClose}>
            {__('Cancel', 'support-provisioning-portal')}
          </Button>
          {/* Not disabled while saving: a disabled button drops the focus, and the modal closes on focus loss. */}
          <Button variant="primary" type="submit" isBusy={save.busy} aria-disabled={save.busy}>
            {__('Save template', 'support-provisioning-portal')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
