import { SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { CloneMode, Template } from '../../api/types.ts';
import { FieldError } from '../../components/FieldError.tsx';

/** The clone mode and the copies on other nodes, as the editor holds them. */
export interface CloneForm {
  cloneMode: CloneMode;
  /** "pve2=9103, pve3=9203" */
  copies: string;
}

export function cloneFormOf(template: Template): CloneForm {
  return {
    cloneMode: template.cloneMode,
    copies: Object.entries(template.nodeCopies).map(([node, vmid]) => `${node}=${vmid}`).join(', '),
  };
}

/** What changed, in the API's terms: only sent when changed, since the server then asks Proxmox. */
export function cloneChanges(template: Template, form: CloneForm): Partial<Pick<Template, 'cloneMode' | 'nodeCopies'>> {
  const before = cloneFormOf(template);
  const nodeCopies = Object.fromEntries(form.copies.split(',').map((entry) => entry.split('=').map((part) => part.trim()))
    .filter(([node]) => node !== '').map(([node, vmid]) => [node, Number(vmid)]));
  return {
    ...(form.cloneMode !== before.cloneMode ? { cloneMode: form.cloneMode } : {}),
    ...(form.copies.trim() !== before.copies ? { nodeCopies } : {}),
  };
}

interface Props {
  template: Template;
  form: CloneForm;
  onChange: (form: CloneForm) => void;
  error: unknown;
}

/** Full or linked clones, and the template's copies on other nodes (docs/decisions/placement.md). */
export function TemplateCloneFields({ template, form, onChange, error }: Props): JSX.Element {
  return (
    <>
      <SelectControl
        label={__('Clone mode', 'support-provisioning-portal')}
        value={form.cloneMode}
        onChange={(cloneMode: string) => onChange({ ...form, cloneMode: cloneMode as CloneMode })}
        options={[
          { value: 'full', label: __('Full clone: an independent copy (minutes)', 'support-provisioning-portal') },
          { value: 'linked', label: __('Linked clone: shares the template\'s disk (seconds)', 'support-provisioning-portal'), disabled: !template.linkedClone },
        ]}
        help={template.linkedClone
          ? __('The template\'s storage makes linked clones. They stay on the template\'s storage.', 'support-provisioning-portal')
          : __('The template\'s storage cannot make linked clones (it needs LVM-thin, ZFS, Ceph RBD or a base image on directory storage).', 'support-provisioning-portal')}
      />
      <FieldError error={error} field="cloneMode" />
      <TextControl
        label={__('Copies on other nodes', 'support-provisioning-portal')}
        value={form.copies}
        onChange={(copies: string) => onChange({ ...form, copies })}
        placeholder="pve2=9103, pve3=9203"
        help={template.sharedStorage
          ? __('On shared storage: it can be cloned to any node, no copies needed.', 'support-provisioning-portal')
          : sprintf(
            /* translators: %s: node name */
            __('On local storage of %s: VMs go only to nodes with a copy (node=VMID, separated by commas).', 'support-provisioning-portal'),
            template.node,
          )}
      />
      <FieldError error={error} field="nodeCopies" />
    </>
  );
}

/** "any node (shared storage)" or the node names, and the clone mode, for the templates table. */
export function whereItRuns(template: Template): string {
  const nodes = template.runsOn.includes('*')
    ? __('any node (shared storage)', 'support-provisioning-portal')
    : template.runsOn.join(', ');
  const mode = template.cloneMode === 'linked'
    ? __('linked clones', 'support-provisioning-portal')
    : template.linkedClone
      ? __('full clones (linked possible)', 'support-provisioning-portal')
      : __('full clones', 'support-provisioning-portal');
  /* translators: 1: node names, 2: clone mode */
  return sprintf(__('Runs on %1$s · %2$s', 'support-provisioning-portal'), nodes, mode);
}
