import { useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';

/**
 * Whether this view saw the deployment finish provisioning and stay stopped (its template does not
 * start VMs after creating them), until it changes status again.
 */
export function useStoppedAfterCreate(d: Deployment): boolean {
  const previous = useRef(d.status);
  const [stoppedAfterCreate, setStoppedAfterCreate] = useState(false);
  useEffect(() => {
    setStoppedAfterCreate(previous.current === 'PROVISIONING' && d.status === 'STOPPED');
    previous.current = d.status;
  }, [d.status]);
  return stoppedAfterCreate && d.status === 'STOPPED';
}

export function stoppedAfterCreateText(): string {
  return __('Ready, but not started: this template leaves new VMs stopped. Start it when you need it.', 'support-provisioning-portal');
}
