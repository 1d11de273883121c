<?php

declare(strict_types=1);

/*
 * Run by tests/playground/live-preview.test.ts as the blueprint's last two steps, on Playground's
 * SQLite database: what DbLock's fallback (Store\OptionLock) does, written as JSON for the test to
 * judge. The first run takes a lock and ends without releasing it; the second judges the rest.
 * Another request's lock is its row, written here exactly as that request would have written it.
 */

use SupportProvisioningPortal\Domain\LockLease;
use SupportProvisioningPortal\Domain\LockName;
use SupportProvisioningPortal\Store\DbLock;
use SupportProvisioningPortal\Store\NamedLocks;

require '/wordpress/wp-load.php';

$row = static function (string $purpose): ?string {
    global $wpdb;
    $name = 'spp_lock_' . LockName::for(DB_NAME, $wpdb->prefix, $purpose);
    $value = $wpdb->get_var($wpdb->prepare("SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name));
    return is_string($value) ? $value : null;
};
$heldByAnother = static function (string $purpose, int $expiresAt): void {
    global $wpdb;
    $name = 'spp_lock_' . LockName::for(DB_NAME, $wpdb->prefix, $purpose);
    $wpdb->insert($wpdb->options, ['option_name' => $name, 'option_value' => $expiresAt . ':' . str_repeat('a', 32), 'autoload' => 'no']);
};

$output = '/wordpress/wp-content/spp-lock-probe.json';
if (!file_exists($output)) {
    $abandoned = DbLock::acquire('probe-abandoned', 0);
    file_put_contents($output, (string) wp_json_encode(['abandonedRowWhileHeld' => $abandoned !== null && $row('probe-abandoned') !== null]));
    return; // Without release(): the request ends holding it.
}
$results = json_decode((string) file_get_contents($output), true);
$results += ['namedLocks' => NamedLocks::available(), 'abandonedLockFreedAtShutdown' => $row('probe-abandoned') === null];

$first = DbLock::acquire('probe', 0);
$results['acquired'] = $first !== null;
$results['rowWhileHeld'] = $row('probe') !== null;
$again = DbLock::acquire('probe', 0);
$results['takenAgainByItsHolder'] = $again !== null;
$again?->release();
$results['rowAfterInnerRelease'] = $row('probe') !== null;
$first?->release();
$results['rowAfterRelease'] = $row('probe') !== null;

$heldByAnother('probe-live', time() + LockLease::SECONDS);
$started = microtime(true);
$results['liveLockRefused'] = DbLock::acquire('probe-live', 1) === null;
$results['waitedSeconds'] = round(microtime(true) - $started, 1);
$results['liveLockKept'] = str_ends_with((string) $row('probe-live'), ':' . str_repeat('a', 32));

$heldByAnother('probe-stale', time() - 1);
$stale = DbLock::acquire('probe-stale', 1);
$results['staleLockTakenOver'] = $stale !== null;
$results['staleRowReplaced'] = !str_ends_with((string) $row('probe-stale'), ':' . str_repeat('a', 32));
$stale?->release();
$results['takenOverRowReleased'] = $row('probe-stale') === null;

file_put_contents($output, (string) wp_json_encode($results));
// The test finds this line in the debug log: the log it reads for errors is the one PHP writes.
error_log('spp lock probe done');
