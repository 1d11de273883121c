import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { addShare, listShares, removeShare } from '../api/endpoints.ts';
import type { Share } from '../api/types.ts';
import { useAction, useLoad } from './hooks.ts';
import { formatDateTime } from './labels.ts';

/** Who else sees a deployment: the list, adding by login or email (`user`), removing. */
export function useShares(deploymentId: number) {
  const shares = useLoad(() => listShares(deploymentId), String(deploymentId));
  const add = useAction();
  const remove = useAction();
  const [user, setUser] = useState('');

  const update = (work: () => Promise<Share[]>, action: typeof add, after?: () => void): void => {
    void action.run(work).then((list) => {
      if (list === undefined) return;
      shares.setData(list);
      after?.();
    });
  };

  return {
    shares,
    add,
    remove,
    user,
    setUser,
    canAdd: !add.busy && user.trim() !== '',
    submit: (event: { preventDefault: () => void }): void => {
      event.preventDefault();
      if (user.trim() !== '') update(() => addShare(deploymentId, user.trim()), add, () => setUser(''));
    },
    unshare: (userId: number) => (): void => update(() => removeShare(deploymentId, userId), remove),
  };
}

export function sharingIntro(): string {
  return __('Users you share with can see the deployment and use the actions their own rights allow; they can never delete it.', 'support-provisioning-portal');
}

export function sharedSince(share: Share): string {
  return sprintf(/* translators: %s: date */ __('since %s', 'support-provisioning-portal'), formatDateTime(share.createdAt));
}

export function unshareMessage(share: Share): string {
  return sprintf(/* translators: %s: user's name */ __('%s will no longer see this deployment.', 'support-provisioning-portal'), share.displayName);
}
