<?php

// Test fixture: creates (or updates) a user with plugin rights and returns an application
// password for it. Usage: php create-user.php <core-dir>; input env SPP_USER (JSON):
// {login, role, rights: string[], ramLimitMb: int|null, vmLimit: int|null}. Output: {id, login, appPassword}

$input = json_decode((string) getenv('SPP_USER'), true, 8, JSON_THROW_ON_ERROR);
require $argv[1] . '/wp-load.php';

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Store\RightsStore;

$existing = get_user_by('login', $input['login']);
$id = $existing ? $existing->ID : wp_insert_user([
    'user_login' => $input['login'],
    'user_pass' => wp_generate_password(24),
    'user_email' => $input['email'] ?? $input['login'] . '@example.test',
    'display_name' => $input['displayName'] ?? ucfirst($input['login']),
    'role' => $input['role'] ?? 'subscriber',
]);
if (is_wp_error($id)) {
    fwrite(STDERR, $id->get_error_message() . "\n");
    exit(1);
}
RightsStore::set((int) $id, Right::fromKeys($input['rights']));
RightsStore::setRamLimitMb((int) $id, $input['ramLimitMb'] ?? null);
RightsStore::setVmLimit((int) $id, $input['vmLimit'] ?? null);
[$appPassword] = WP_Application_Passwords::create_new_application_password((int) $id, ['name' => 'tests-' . wp_generate_password(8, false)]);
echo json_encode(['id' => (int) $id, 'login' => $input['login'], 'appPassword' => $appPassword], JSON_THROW_ON_ERROR);
