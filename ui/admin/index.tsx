import { createRoot, render } from '@wordpress/element';
import { prolongLinkHash } from '../components/prolongLink.ts';
import { App } from './App.tsx';
import './admin.css';

// A prolong link from a mail opens its deployment (unless the URL already names a section).
const linked = prolongLinkHash();
if (linked !== null && window.location.hash === '') window.location.hash = linked;

const root = document.getElementById('spp-admin-root');
if (root) {
  // WordPress 6.1 ships React 17 (render only); newer WordPress ships React 18 (createRoot).
  if (typeof createRoot === 'function') {
    createRoot(root).render(<App />);
  } else {
    render(<App />, root);
  }
}
