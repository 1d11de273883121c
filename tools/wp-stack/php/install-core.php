<?php

// Installs WordPress core into the site named by SPP_WP_SITE_CONFIG. Usage: php install-core.php <core-dir>
// Input (env SPP_INSTALL, JSON): {title, adminLogin, adminPassword, adminEmail}

define('WP_INSTALLING', true);
$input = json_decode((string) getenv('SPP_INSTALL'), true, 8, JSON_THROW_ON_ERROR);

// The install e-mail has nowhere to go on a local stack.
function wp_new_blog_notification(): void
{
}

require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (is_blog_installed()) {
    exit(0);
}
$result = wp_install($input['title'], $input['adminLogin'], $input['adminEmail'], false, '', wp_slash($input['adminPassword']));
if (is_wp_error($result)) {
    fwrite(STDERR, $result->get_error_message() . "\n");
    exit(1);
}
update_option('permalink_structure', '/%postname%/');
