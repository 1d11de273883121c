<?php

// Benchmark helper: runs the plugin's cron tick back to back inside one PHP process until a tick
// finds nothing to do, `max` ticks ran or `seconds` passed, timing each.
// Usage: php ticks.php <core-dir> <max> [seconds]
// Output (JSON): {bounds: {expired, advanced, seconds}, ticks: [{ms, expired, advanced}, ...]}

use SupportProvisioningPortal\Service\Expiry;
use SupportProvisioningPortal\Service\Ticker;

require $argv[1] . '/wp-load.php';

$ticks = [];
$until = microtime(true) + (float) ($argv[3] ?? INF);
for ($i = 0; $i < (int) ($argv[2] ?? 1) && microtime(true) < $until; $i++) {
    $started = microtime(true);
    $counts = Ticker::tick();
    $ticks[] = ['ms' => (microtime(true) - $started) * 1000] + $counts;
    if ($counts['expired'] === 0 && $counts['advanced'] === 0) {
        break;
    }
}
$bounds = [
    'expired' => Expiry::BATCH,
    'advanced' => Ticker::PENDING_BATCH,
    'seconds' => Ticker::PENDING_BUDGET_SECONDS,
];
echo json_encode(['bounds' => $bounds, 'ticks' => $ticks], JSON_THROW_ON_ERROR);
