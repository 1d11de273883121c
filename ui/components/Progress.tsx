import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { statusLabel, stepLabel, stepProgress } from './labels.ts';

/**
 * Live progress of background work. The live region stays mounted so screen readers hear each
 * step and the end of the work.
 */
export function Progress({ deployment }: { deployment: Deployment }): JSX.Element {
  const progress = stepProgress(deployment.status, deployment.step);
  const wasBusy = useRef(progress !== null);
  const [finished, setFinished] = useState<string | null>(null);

  useEffect(() => {
    // Announce the end of background work; any later change (a start, a stop) ends the message.
    setFinished(progress === null && wasBusy.current
      ? sprintf(/* translators: %s: status */ __('Done: the deployment is now %s.', 'support-provisioning-portal'), statusLabel(deployment.status))
      : null);
    wasBusy.current = progress !== null;
  }, [progress === null, deployment.status]);

  return (
    <div className="spp-progress" aria-live="polite" role="status">
      {progress !== null && (
        <>
          <p>
            <strong>{statusLabel(deployment.status)}</strong>{' '}
            {sprintf(
              /* translators: 1: step number, 2: steps, 3: what happens now */
              __('step %1$d of %2$d: %3$s…', 'support-provisioning-portal'),
              progress[0] + 1,
              progress[1],
              stepLabel(deployment.step),
            )}
          </p>
          <progress max={progress[1]} value={progress[0]} aria-label={__('Progress', 'support-provisioning-portal')} />
        </>
      )}
      {progress === null && finished !== null && <p>{finished}</p>}
    </div>
  );
}
