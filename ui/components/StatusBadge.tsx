import type { Status } from '../api/types.ts';
import { statusLabel } from './labels.ts';

/** A shape per status, so Running and Stopped differ without colour vision (the label says it too). */
const icons: Record<Status, string> = {
  RUNNING: '▶',
  STOPPED: '■',
  PROVISIONING: '↻',
  DELETING: '↻',
  EXPIRED: '⊘',
  FAILED: '✕',
};

export function StatusBadge({ status }: { status: Status }): JSX.Element {
  return (
    <span className={`spp-status spp-status--${status.toLowerCase()}`}>
      <span className="spp-status__icon" aria-hidden="true">{icons[status]}</span> {statusLabel(status)}
    </span>
  );
}
