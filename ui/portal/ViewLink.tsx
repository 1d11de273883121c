import { useContext } from '@wordpress/element';
import { deploymentUrl } from '../components/deepLink.ts';
import { InstanceContext } from './instance.ts';
import type { Navigate, View } from './view.ts';

interface Props {
  to: View;
  navigate: Navigate;
  children: string;
  current?: boolean;
}

/**
 * A link to another view of this portal, in the theme's link look. Its href is this page with the
 * deployment it shows (deepLink.ts) and the portal's own anchor, so opening it in a new tab lands
 * on that view.
 */
export function ViewLink({ to, navigate, children, current = false }: Props): JSX.Element {
  const anchor = useContext(InstanceContext);
  return (
    <a
      href={deploymentUrl(to.name === 'detail' ? to.id : null, `#${anchor}`)}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
