<?php

// Activates the plugin, switches the theme and ensures the site's users with their plugin rights.
// Idempotent. Usage: php setup-site.php <core-dir>
// Input (env SPP_SETUP, JSON): {plugin, theme, appPasswords: bool, portalPage: bool, users: [{login, password, email,
// displayName, role, rights: string[]}]}. Output (stdout, JSON): {users: {login: {id, appPassword}}, portalUrl}

$input = json_decode((string) getenv('SPP_SETUP'), true, 8, JSON_THROW_ON_ERROR);
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
// A local stack has no mail transport.
add_filter('send_password_change_email', '__return_false');
add_filter('send_email_change_email', '__return_false');

$activated = activate_plugin($input['plugin']);
if (is_wp_error($activated)) {
    fwrite(STDERR, 'Plugin activation failed: ' . $activated->get_error_message() . "\n");
    exit(1);
}
if (wp_get_theme()->get_stylesheet() !== $input['theme']) {
    switch_theme($input['theme']);
}

$users = [];
foreach ($input['users'] as $spec) {
    $existing = get_user_by('login', $spec['login']);
    $fields = [
        'user_login' => $spec['login'],
        'user_pass' => $spec['password'],
        'user_email' => $spec['email'],
        'display_name' => $spec['displayName'],
        'role' => $spec['role'],
    ];
    $id = $existing ? wp_update_user(['ID' => $existing->ID] + $fields) : wp_insert_user($fields);
    if (is_wp_error($id)) {
        fwrite(STDERR, "User {$spec['login']}: " . $id->get_error_message() . "\n");
        exit(1);
    }
    SupportProvisioningPortal\Store\RightsStore::set((int) $id, SupportProvisioningPortal\Domain\Right::fromKeys($spec['rights']));
    $appPassword = null;
    if ($input['appPasswords']) {
        [$appPassword] = WP_Application_Passwords::create_new_application_password((int) $id, ['name' => 'local-stack']);
    }
    $users[$spec['login']] = ['id' => (int) $id, 'appPassword' => $appPassword];
}

// The dev site gets one page with the shortcode, so the portal can be seen at once.
$portalUrl = null;
if (!empty($input['portalPage'])) {
    $page = get_page_by_path('support-vms');
    $pageId = $page ? $page->ID : wp_insert_post([
        'post_type' => 'page',
        'post_status' => 'publish',
        'post_name' => 'support-vms',
        'post_title' => 'Support VMs',
        'post_content' => '<!-- wp:shortcode -->[support_provisioning_portal]<!-- /wp:shortcode -->',
    ]);
    $portalUrl = get_permalink($pageId);
}
echo json_encode(['users' => $users, 'portalUrl' => $portalUrl], JSON_THROW_ON_ERROR);
