import type { Me } from '../../api/types.ts';
import { createFirstText, emptyListText } from '../../components/emptyList.ts';
import { href } from '../route.ts';

/** An empty list: an invitation to create the first deployment, or that the filters match none. */
export function EmptyList({ filtered, me }: { filtered: boolean; me: Me }): JSX.Element {
  const mayCreate = me.rights.includes('create');
  return (
    <div className="spp-empty">
      <p>{emptyListText(filtered, mayCreate)}</p>
      {!filtered && mayCreate && <p><a className="button button-primary" href={href('new')}>{createFirstText()}</a></p>}
    </div>
  );
}
