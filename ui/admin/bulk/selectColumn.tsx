import { __, sprintf } from '@wordpress/i18n';
import type { Column } from '../../components/DeploymentTable.tsx';
import type { Selection } from './useSelection.ts';

/** The list's first column: a box per deployment for the bulk actions. */
export function selectColumn(selection: Selection): Column {
  return {
    label: __('Select', 'support-provisioning-portal'),
    cell: (d) => (
      <input
        type="checkbox"
        className="spp-select"
        checked={selection.has(d.id)}
        onChange={() => selection.toggle(d.id)}
        aria-label={sprintf(/* translators: %s: deployment name */ __('Select %s', 'support-provisioning-portal'), d.name)}
      />
    ),
  };
}
