<?php

// Test fixture: runs one small operation inside the test site's WordPress.
// Usage: php run.php <core-dir> <operation> [json-argument]
//   tick                     runs the plugin's cron tick now and prints its counts
//   set-option <json>        {name, value}: update_option (value as decoded JSON)
//   delete-option <json>     {name}

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
    default:
        fwrite(STDERR, "Unknown operation\n");
        exit(1);
}
