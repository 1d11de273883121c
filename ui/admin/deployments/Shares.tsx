import { Button, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { addShare, listShares, removeShare } from '../../api/endpoints.ts';
import type { Share } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';
import { domain, formatDateTime } from '../../components/labels.ts';

/** Who else sees this deployment: add by login or email, list, remove. */
export function Shares({ deploymentId }: { deploymentId: number }): JSX.Element {
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

  return (
    <div className="spp-panel" aria-labelledby="spp-shares-title">
      <h3 id="spp-shares-title">{__('Sharing', domain)}</h3>
      <p>{__('Users you share with can see the deployment and use the actions their own rights allow; they can never delete it.', domain)}</p>
      <form
        className="spp-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (user.trim() !== '') update(() => addShare(deploymentId, user.trim()), add, () => setUser(''));
        }}
      >
        <TextControl label={__('Share with (login or email)', domain)} value={user} onChange={setUser} autoComplete="off" />
        <Button variant="secondary" type="submit" disabled={add.busy || user.trim() === ''}>
          {__('Share', domain)}
        </Button>
      </form>
      <ErrorNotice error={add.error} onDismiss={add.clear} />
      <ErrorNotice error={shares.error} />
      {shares.loading && <Spinner />}
      {shares.data?.length === 0 && <p>{__('Not shared with anyone.', domain)}</p>}
      {shares.data !== null && shares.data.length > 0 && (
        <ul className="spp-shares">
          {shares.data.map((share) => (
            <li key={share.userId}>
              <span>
                <strong>{share.displayName}</strong> ({share.login}, {share.email}){' '}
                <span className="spp-muted">
                  {sprintf(/* translators: %s: date */ __('since %s', domain), formatDateTime(share.createdAt))}
                </span>
              </span>
              <ConfirmButton
                label={__('Remove', domain)}
                title={__('Stop sharing?', domain)}
                message={sprintf(
                  /* translators: %s: user's name */
                  __('%s will no longer see this deployment.', domain),
                  share.displayName,
                )}
                disabled={remove.busy}
                onConfirm={() => update(() => removeShare(deploymentId, share.userId), remove)}
              />
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={remove.error} onDismiss={remove.clear} />
    </div>
  );
}
