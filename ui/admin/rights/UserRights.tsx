import { Button, Notice, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { listUsers } from '../../api/endpoints.ts';
import { rightKeys, type Me, type PortalUser } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useDebounced, useLoad } from '../../components/hooks.ts';
import { formatLimit } from '../../components/labels.ts';
import { Pager } from '../../components/Pager.tsx';
import { RightsEditor } from './RightsEditor.tsx';

/** `onMeChanged`: the caller's own rights were saved, so the page must follow them. */
export function UserRights({ me, onMeChanged }: { me: Me; onMeChanged: () => void }): JSX.Element {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const settled = useDebounced(search.trim());
  const users = useLoad(() => listUsers({ search: settled, page, per_page: 20 }), `${settled}/${page}`);

  const saved = (user: PortalUser): void => {
    setEditing(null);
    setNotice(sprintf(/* translators: %s: user name */ __('Rights of %s saved.', 'support-provisioning-portal'), user.displayName));
    void users.reload(true);
    if (user.id === me.id) onMeChanged();
  };

  return (
    <section aria-labelledby="spp-rights-title">
      <h2 id="spp-rights-title">{__('User Rights', 'support-provisioning-portal')}</h2>
      {me.bootstrap && (
        <Notice status="warning" isDismissible={false} className="spp-bootstrap">
          {__('Bootstrap rule in effect: nobody holds “Manage user rights” yet, so every WordPress administrator holds every portal right. Grant “Open portal” and “Manage user rights” to at least one user to end it; from then on only the rights set here count.', 'support-provisioning-portal')}
        </Notice>
      )}
      <p>{__('Every WordPress user of this site, including users created by single sign-on. Rights are per user; WordPress roles grant nothing.', 'support-provisioning-portal')}</p>
      <div className="spp-filters" role="search">
        <TextControl
          label={__('Search users', 'support-provisioning-portal')}
          value={search}
          onChange={(value: string) => {
            setSearch(value);
            setPage(1);
          }}
          help={__('Login, name or email', 'support-provisioning-portal')}
        />
      </div>
      <p role="status" aria-live="polite" className="spp-action-result">{notice}</p>
      <ErrorNotice error={users.error} />
      {users.loading && <Spinner />}
      {users.data?.items.length === 0 && <p>{__('No users match.', 'support-provisioning-portal')}</p>}
      {users.data && users.data.items.length > 0 && (
        <table className="widefat striped spp-table">
          <thead>
            <tr>
              <th scope="col">{__('User', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Email', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Rights', 'support-provisioning-portal')}</th>
              <th scope="col">{__('RAM limit', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Edit', 'support-provisioning-portal')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                editing={editing === user.id}
                onEdit={() => setEditing(editing === user.id ? null : user.id)}
                onSaved={saved}
                me={me}
              />
            ))}
          </tbody>
        </table>
      )}
      {users.data && (
        <Pager page={page} totalPages={users.data.totalPages} total={users.data.total} onPage={setPage} />
      )}
    </section>
  );
}

interface RowProps {
  user: PortalUser;
  me: Me;
  editing: boolean;
  onEdit: () => void;
  onSaved: (user: PortalUser) => void;
}

function UserRow({ user, me, editing, onEdit, onSaved }: RowProps): JSX.Element {
  const inherited = user.effectiveRights.length > user.rights.length;
  return (
    <>
      <tr data-user={user.login}>
        <td data-label={__('User', 'support-provisioning-portal')}>
          <strong>{user.displayName}</strong> <span className="spp-muted">{user.login}</span>
        </td>
        <td data-label={__('Email', 'support-provisioning-portal')}>{user.email}</td>
        <td data-label={__('Rights', 'support-provisioning-portal')}>
          {sprintf(/* translators: 1: rights held, 2: all rights */ __('%1$d of %2$d', 'support-provisioning-portal'), user.rights.length, rightKeys.length)}
          {inherited && <div className="spp-muted">{__('Holds every right through the bootstrap rule', 'support-provisioning-portal')}</div>}
        </td>
        <td data-label={__('RAM limit', 'support-provisioning-portal')}>
          {user.ramLimitMb === null ? __('Default', 'support-provisioning-portal') : formatLimit(user.ramLimitMb === 0 ? null : user.ramLimitMb)}
        </td>
        <td data-label={__('Edit', 'support-provisioning-portal')}>
          <Button variant="secondary" isSmall onClick={onEdit} aria-expanded={editing}>
            {editing ? __('Close', 'support-provisioning-portal') : __('Edit rights', 'support-provisioning-portal')}
            <span className="screen-reader-text"> {user.login}</span>
          </Button>
        </td>
      </tr>
      {editing && (
        <tr className="spp-editor-row">
          <td colSpan={5}>
            <RightsEditor user={user} me={me} onSaved={onSaved} />
          </td>
        </tr>
      )}
    </>
  );
}
