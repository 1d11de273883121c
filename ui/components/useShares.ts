import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { addShare, listShares, removeShare } from '../api/endpoints.ts';
import type { Share } from '../api/types.ts';
import { useAction, useLoad } from './hooks.ts';
import { formatDateTime } from './labels.ts';
import { unchangedShareNotice, type ShareOwner } from './shareNotice.ts';

/**
 * Who else sees a deployment: the list, adding by login or email (`user`), removing. `notice`
 * says why an add changed nothing (the owner, or someone already on the list).
 */
export function useShares(deploymentId: number, owner: ShareOwner) {
  const shares = useLoad(() => listShares(deploymentId), String(deploymentId));
  const add = useAction();
  const remove = useAction();
  const [user, setUser] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const update = (work: () => Promise<Share[]>, action: typeof add, after?: (list: Share[]) => void): void => {
    setNotice(null);
    void action.run(work).then((list) => {
      if (list === undefined) return;
      after?.(list);
      shares.setData(list);
    });
  };

  return {
    shares,
    add,
    remove,
    user,
    setUser,
    notice,
    clearNotice: (): void => setNotice(null),
    // The answer is compared with the list held before, so adding waits for the list.
    canAdd: !add.busy && shares.data !== null && user.trim() !== '',
    submit: (event: { preventDefault: () => void }): void => {
      event.preventDefault();
      const named = user.trim();
      const before = shares.data;
      if (named === '' || before === null) return;
      update(() => addShare(deploymentId, named), add, (list) => {
        setNotice(unchangedShareNotice(named, before, list, owner));
        setUser('');
      });
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
