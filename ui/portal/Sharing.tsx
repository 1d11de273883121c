import { __ } from '@wordpress/i18n';
import { ShareList } from '../components/ShareList.tsx';
import type { ShareOwner } from '../components/shareNotice.ts';
import { sharedSince, sharingIntro, unshareMessage, useShares } from '../components/useShares.ts';
import { Button, ConfirmButton } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage, Loading, Notice } from './Notice.tsx';

/** Who else sees this deployment: add by login or email, list, remove. */
export function Sharing({ deploymentId, owner }: { deploymentId: number; owner: ShareOwner }): JSX.Element {
  const { shares, add, remove, user, setUser, submit, unshare, canAdd, notice } = useShares(deploymentId, owner);
  const userId = useInstanceId('share-user');

  return (
    <details className="spp-panel spp-sharing" open>
      <summary>
        <h3>{__('Sharing', 'support-provisioning-portal')}</h3>
      </summary>
      <p>{sharingIntro()}</p>
      <form className="spp-row" onSubmit={submit}>
        <label htmlFor={userId}>{__('Share with (login or email)', 'support-provisioning-portal')}</label>
        <input id={userId} type="text" value={user} autoComplete="off" onChange={(event) => setUser(event.target.value)} />
        <Button type="submit" disabled={!canAdd}>{__('Share', 'support-provisioning-portal')}</Button>
      </form>
      <ErrorMessage error={add.error} onDismiss={add.clear} />
      {notice !== null && <Notice>{notice}</Notice>}
      <ErrorMessage error={shares.error} />
      {shares.loading && <Loading />}
      {shares.data?.length === 0 && <p>{__('Not shared with anyone.', 'support-provisioning-portal')}</p>}
      <ShareList
        shares={shares.data}
        item={(share) => (
          <>
            <span>
              <strong>{share.displayName}</strong> ({share.login}){' '}
              <span className="spp-small">{sharedSince(share)}</span>
            </span>{' '}
            <ConfirmButton
              label={__('Remove', 'support-provisioning-portal')}
              message={unshareMessage(share)}
              disabled={remove.busy}
              onConfirm={unshare(share.userId)}
            />
          </>
        )}
      />
      <ErrorMessage error={remove.error} onDismiss={remove.clear} />
    </details>
  );
}
