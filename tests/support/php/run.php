<?php

// Test fixture: runs one small operation inside the test site's WordPress.
// Usage: php run.php <core-dir> <operation> [json-argument]
//   tick                     runs the plugin's cron tick now and prints its counts
//   set-option <json>        {name, value}: update_option (value as decoded JSON)
//   delete-option <json>     {name}
//   delete-user <json>       {id, reassign}: wp_delete_user, as WordPress's delete screen calls it
//   site-health              runs the plugin's direct tests as Site Health lists them, by test id
//   privacy <json>           {email, action, adminId}: a confirmed privacy request, then the plugin's
//                            exporter or eraser page by page through WordPress's own ajax handler

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
    case 'privacy':
        require_once ABSPATH . 'wp-admin/includes/admin.php';
        require_once ABSPATH . 'wp-admin/includes/ajax-actions.php';
        wp_set_current_user($argument['adminId']);
        $requestId = wp_create_user_request($argument['email'], $argument['action'], [], 'confirmed');
        $export = $argument['action'] === 'export_personal_data';
        $handlers = apply_filters($export ? 'wp_privacy_personal_data_exporters' : 'wp_privacy_personal_data_erasers', []);
        $index = array_search('support-provisioning-portal', array_keys($handlers), true) + 1;
        // The zip file is WordPress's own last step, and this PHP has no zip extension.
        remove_filter('wp_privacy_personal_data_export_page', 'wp_privacy_process_personal_data_export_page', 10);
        // wp_send_json() ends with wp_die(): in an ajax request that is this handler, so the loop goes on.
        add_filter('wp_doing_ajax', '__return_true');
        add_filter('wp_die_ajax_handler', static fn () => static function (): void {
            throw new RuntimeException('answer sent');
        });
        $pages = [];
        for ($page = 1; $page <= 50; $page++) {
            $_POST = $_REQUEST = [
                'id' => $requestId,
                ($export ? 'exporter' : 'eraser') => $index,
                'page' => $page,
                'sendAsEmail' => 'false',
                'security' => wp_create_nonce(($export ? 'wp-privacy-export-personal-data-' : 'wp-privacy-erase-personal-data-') . $requestId),
            ];
            ob_start();
            try {
                $export ? wp_ajax_wp_privacy_export_personal_data() : wp_ajax_wp_privacy_erase_personal_data();
            } catch (RuntimeException $sent) {
                // The handler answered.
            }
            $answer = json_decode((string) ob_get_clean(), true);
            $pages[] = $answer;
            if (!($answer['success'] ?? false) || ($answer['data']['done'] ?? true)) {
                break;
            }
        }
        echo json_encode(['requestId' => $requestId, 'pages' => $pages], JSON_THROW_ON_ERROR);
        break;
    default:
        fwrite(STDERR, "Unknown operation\n");
        exit(1);
}
