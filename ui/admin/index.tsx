import { createRoot, render } from '@wordpress/element';
import { App } from './App.tsx';
import './admin.css';

const root = document.getElementById('spp-admin-root');
if (root) {
  // WordPress 6.1 ships React 17 (render only); newer WordPress ships React 18 (createRoot).
  if (typeof createRoot === 'function') {
    createRoot(root).render(<App />);
  } else {
    render(<App />, root);
  }
}
