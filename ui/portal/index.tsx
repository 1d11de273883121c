import { createRoot, render } from '@wordpress/element';
import { Portal } from './Portal.tsx';
import './portal.css';

// One portal per [support_provisioning_portal] on the page, each with its own state.
for (const root of document.querySelectorAll<HTMLElement>('[data-spp-portal]')) {
  const app = <Portal instanceId={root.id} />;
  // WordPress 6.1 ships React 17 (render only); newer WordPress ships React 18 (createRoot).
  if (typeof createRoot === 'function') {
    createRoot(root).render(app);
  } else {
    render(app, root);
  }
}
