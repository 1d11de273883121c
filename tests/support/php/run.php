<?php

// Test fixture: runs one small operation inside the test site's WordPress.
// Usage: php run.php <core-dir> <operation> [json-argument]
//   tick                     runs the plugin's cron tick now and prints its counts
//   set-option <json>        {name, value}: update_option (value as decoded JSON)
//   delete-option <json>     {name}
//   delete-user <json>       {id, reassign}: wp_delete_user, as WordPress's delete screen calls it
//   site-health              runs the plugin's direct tests as Site Health lists them, by test id

require $argv[1] . '/wp-load.php';

$argument = json_decode($argv[3] ?? 'null', true, 16, JSON_THROW_ON_ERROR);
switch ($argv[2] ?? '') {
    case 'tick':
        echo json_encode(SupportProvisioningPortal\Service\Ticker::tick(), JSON_THROW_ON_ERROR);
        break;
    case 'set-option':
        update_option($argument['name'], $argument['value']);
        echo 'null';
        break;
    case 'delete-option':
        delete_option($argument['name']);
        echo 'null';
        break;
    case 'delete-user':
        require_once ABSPATH . 'wp-admin/includes/user.php';
        echo json_encode(wp_delete_user($argument['id'], $argument['reassign'] ?? null), JSON_THROW_ON_ERROR);
        break;
    case 'site-health':
        require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
        $results = [];
        foreach (WP_Site_Health::get_tests()['direct'] as $id => $check) {
            if (str_starts_with($id, 'spp_')) {
                $results[$id] = call_user_func($check['test']);
            }
        }
        echo json_encode($results, JSON_THROW_ON_ERROR);
        break;
    default:
        fwrite(STDERR, "Unknown operation\n");
        exit(1);
}
