import { SelectControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { PlacementPolicyName } from '../../api/types.ts';

/** The placement settings as the form holds them (numbers as typed text). */
export interface PlacementForm {
  placementPolicy: PlacementPolicyName;
  placementNode: string;
  placementNodes: string;
  nodeReserveMb: string;
  nodeReserves: string;
}

interface Props {
  form: PlacementForm;
  set: (changes: Partial<PlacementForm>) => void;
  field: (name: keyof PlacementForm) => JSX.Element;
}

/** Which node a new VM goes to: policy, allow-list and memory reserves (docs/decisions/placement.md). */
export function PlacementFields({ form, set, field }: Props): JSX.Element {
  return (
    <fieldset className="spp-placement">
      <legend>{__('Placement across the cluster', 'support-provisioning-portal')}</legend>
      <SelectControl
        label={__('Placement policy', 'support-provisioning-portal')}
        value={form.placementPolicy}
        onChange={(placementPolicy: string) => set({ placementPolicy: placementPolicy as PlacementPolicyName })}
        options={[
          { value: 'memory', label: __('Most free memory after the reserve', 'support-provisioning-portal') },
          { value: 'spread', label: __('Spread: the node with the fewest portal VMs', 'support-provisioning-portal') },
          { value: 'fixed', label: __('Fixed: always one node', 'support-provisioning-portal') },
        ]}
      />
      {field('placementPolicy')}
      {form.placementPolicy === 'fixed' && (
        <>
          <TextControl label={__('Fixed node', 'support-provisioning-portal')} value={form.placementNode} onChange={(placementNode: string) => set({ placementNode })} />
          {field('placementNode')}
        </>
      )}
      <TextControl
        label={__('Allowed nodes', 'support-provisioning-portal')}
        value={form.placementNodes}
        onChange={(placementNodes: string) => set({ placementNodes })}
        placeholder="pve1, pve2"
        help={__('Node names separated by commas; empty means every node of the cluster.', 'support-provisioning-portal')}
      />
      {field('placementNodes')}
      <TextControl
        label={__('Memory reserve per node (MB)', 'support-provisioning-portal')}
        type="number"
        min={0}
        value={form.nodeReserveMb}
        onChange={(nodeReserveMb: string) => set({ nodeReserveMb })}
        help={__('Kept free on every node; no VM is placed into it.', 'support-provisioning-portal')}
      />
      {field('nodeReserveMb')}
      <TextControl
        label={__('Reserves of single nodes', 'support-provisioning-portal')}
        value={form.nodeReserves}
        onChange={(nodeReserves: string) => set({ nodeReserves })}
        placeholder="pve1=4096, pve2=8192"
      />
      {field('nodeReserves')}
    </fieldset>
  );
}
