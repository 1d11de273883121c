<?php

/**
 * Plugin Name: SPP benchmark floor
 * Description: Benchmark-only must-use plugin. Registers the trivial REST route the portal's
 * routes are compared with, counts database queries per request, and lets a request run with
 * the portal plugin inactive (header X-SPP-Bench-Plugin: off), so both states share one server.
 */

declare(strict_types=1);

const SPP_BENCH_PLUGIN = 'support-provisioning-portal/support-provisioning-portal.php';

if (($_SERVER['HTTP_X_SPP_BENCH_PLUGIN'] ?? '') === 'off') {
    add_filter('option_active_plugins', static function ($plugins): array {
        return array_values(array_diff((array) $plugins, [SPP_BENCH_PLUGIN]));
    });
}

add_action('rest_api_init', static function (): void {
    // Same authentication as the portal's routes (a logged-in user), and nothing else.
    $loggedIn = static fn (): bool => is_user_logged_in();
    register_rest_route('spp-bench/v1', '/floor', [
        ['methods' => 'GET', 'permission_callback' => $loggedIn, 'callback' => static fn (): array => ['ok' => true]],
        [
            'methods' => 'POST',
            'permission_callback' => $loggedIn,
            'callback' => static fn (): WP_REST_Response => new WP_REST_Response(['ok' => true], 201),
        ],
    ]);
});

// Counted as late as a header can still be sent: every query of the REST request before it, and
// with the Redis drop-in (bench/php/object-cache.php) every command it sent to Redis.
add_filter('rest_post_dispatch', static function ($response) {
    global $wpdb;
    if ($response instanceof WP_HTTP_Response) {
        $response->header('X-SPP-Queries', (string) $wpdb->num_queries);
        $response->header('X-SPP-Object-Cache', wp_using_ext_object_cache() ? 'persistent' : 'none');
        if (function_exists('spp_bench_cache')) {
            $response->header('X-SPP-Cache-Round-Trips', (string) spp_bench_cache()->roundTrips);
        }
    }
    return $response;
}, PHP_INT_MAX);

add_action('shutdown', static function (): void {
    global $wpdb;
    if (PHP_SAPI !== 'cli' && !defined('REST_REQUEST') && !wp_doing_ajax() && !is_admin()) {
        echo "\n<!-- spp-queries: " . (int) $wpdb->num_queries . ' -->';
    }
}, PHP_INT_MAX);
