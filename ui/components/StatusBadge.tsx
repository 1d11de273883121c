import type { Status } from '../api/types.ts';
import { statusLabel } from './labels.ts';

export function StatusBadge({ status }: { status: Status }): JSX.Element {
  return <span className={`spp-status spp-status--${status.toLowerCase()}`}>{statusLabel(status)}</span>;
}
