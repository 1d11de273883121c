// The admin app and the shortcode portal: @wordpress/scripts' defaults, with our entry points
// and the plugin's build/ folder. Dependency extraction leaves React, wp-components,
// wp-api-fetch and wp-i18n to WordPress.
const path = require('node:path');
const defaults = require('@wordpress/scripts/config/webpack.config');

module.exports = {
  ...defaults,
  entry: {
    admin: path.resolve(__dirname, 'ui/admin/index.tsx'),
    portal: path.resolve(__dirname, 'ui/portal/index.tsx'),
  },
  output: {
    ...defaults.output,
    path: path.resolve(__dirname, 'support-provisioning-portal/build'),
  },
  // The build runs in npm test and npm start: no size hints, the report is docs/ui.md.
  performance: { hints: false },
};
