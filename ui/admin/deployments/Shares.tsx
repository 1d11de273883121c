import { Button, Notice, Spinner, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { ShareList } from '../../components/ShareList.tsx';
import type { ShareOwner } from '../../components/shareNotice.ts';
import { sharedSince, sharingIntro, unshareMessage, useShares } from '../../components/useShares.ts';

/** Who else sees this deployment: add by login or email, list, remove. */
export function Shares({ deploymentId, owner }: { deploymentId: number; owner: ShareOwner }): JSX.Element {
  const { shares, add, remove, user, setUser, submit, unshare, canAdd, notice, clearNotice } = useShares(deploymentId, owner);

  return (
    <div className="spp-panel" aria-labelledby="spp-shares-title">
      <h3 id="spp-shares-title">{__('Sharing', 'support-provisioning-portal')}</h3>
      <p>{sharingIntro()}</p>
      <form className="spp-inline-form" onSubmit={submit}>
        <TextControl label={__('Share with (login or email)', 'support-provisioning-portal')} value={user} onChange={setUser} autoComplete="off" />
        <Button variant="secondary" type="submit" disabled={!canAdd}>
          {__('Share', 'support-provisioning-portal')}
        </Button>
      </form>
      <ErrorNotice error={add.error} onDismiss={add.clear} />
      {notice !== null && <Notice status="info" onRemove={clearNotice} className="spp-share-notice">{notice}</Notice>}
      <ErrorNotice error={shares.error} />
      {shares.loading && <Spinner />}
      {shares.data?.length === 0 && <p>{__('Not shared with anyone.', 'support-provisioning-portal')}</p>}
      <ShareList
        shares={shares.data}
        item={(share) => (
          <>
            <span>
              <strong>{share.displayName}</strong> ({share.login}){' '}
              <span className="spp-muted">{sharedSince(share)}</span>
            </span>
            <ConfirmButton
              label={__('Remove', 'support-provisioning-portal')}
              title={__('Stop sharing?', 'support-provisioning-portal')}
              message={unshareMessage(share)}
              disabled={remove.busy}
              onConfirm={unshare(share.userId)}
            />
          </>
        )}
      />
      <ErrorNotice error={remove.error} onDismiss={remove.clear} />
    </div>
  );
}
