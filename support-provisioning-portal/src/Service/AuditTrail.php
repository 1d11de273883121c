<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\AuditLogStore;
use SupportProvisioningPortal\Wiring;

/**
 * Writes exactly one audit row per mutating REST request of an authenticated user, whatever its
 * outcome. Routes name their action with the `spp_audit` key; handlers add the object and
 * details with describe(), into the request's own AuditContext (opened before its callbacks,
 * closed after them: Wiring::auditContexts()). Events without a request (cron, expiry) use
 * recordSystem().
 */
final class AuditTrail
{
    public const ROUTE_KEY = 'spp_audit';
    public const SUCCESS = 'success';
    public const DENIED = 'denied';
    public const ERROR = 'error';

    public static function register(): void
    {
        add_filter('rest_request_before_callbacks', [self::class, 'beforeCallbacks'], 10, 1);
        add_filter('rest_request_after_callbacks', [self::class, 'afterCallbacks'], 10, 3);
    }

    /** @param array<string, mixed> $details */
    public static function describe(string $objectType, string|int $objectId, ?int $deploymentId = null, array $details = []): void
    {
        Wiring::auditContexts()->current()->describe($objectType, $objectId, $deploymentId, $details);
    }

    /** @param array<string, mixed> $details */
    public static function addDetails(array $details): void
    {
        Wiring::auditContexts()->current()->addDetails($details);
    }

    /**
     * Each request describes into a context of its own.
     *
     * @param mixed $response
     * @return mixed
     */
    public static function beforeCallbacks($response)
    {
        Wiring::auditContexts()->open();
        return $response;
    }

    /**
     * @param mixed $response
     * @param array<string, mixed> $handler
     * @return mixed
     */
    public static function afterCallbacks($response, array $handler, \WP_REST_Request $request)
    {
        $context = Wiring::auditContexts()->close();
        $action = $handler[self::ROUTE_KEY] ?? null;
        $userId = get_current_user_id();
        if (!is_string($action) || $userId === 0) {
            return $response;
        }
        $status = self::statusOf($response);
        $details = $context->details();
        if ($response instanceof \WP_Error) {
            $details['error'] = $response->get_error_code();
        }
        // The path's id only: a body or query `id` must not name another object in the log.
        $id = $request->get_url_params()['id'] ?? '';
        $id = is_int($id) || is_string($id) ? (string) $id : '';
        $deploymentId = $context->deploymentId()
            ?? (str_contains($request->get_route(), '/deployments/') ? (int) $id : null);
        $user = wp_get_current_user();
        AuditLogStore::insert([
            'actorId' => $userId,
            'actorLogin' => $user->user_login,
            'action' => $action,
            'objectType' => $context->objectType() ?? strtok($action, '.'),
            'objectId' => $context->objectId() ?? $id,
            'deploymentId' => $deploymentId ?: null,
            'result' => self::resultFor($status),
            'details' => $details,
            'ip' => self::clientIp(),
        ]);
        return $response;
    }

    /** @param array<string, mixed> $details */
    public static function recordSystem(string $action, int $deploymentId, string $result, array $details = []): void
    {
        AuditLogStore::insert([
            'actorId' => 0,
            'actorLogin' => '',
            'action' => $action,
            'objectType' => 'deployment',
            'objectId' => (string) $deploymentId,
            'deploymentId' => $deploymentId,
            'result' => $result,
            'details' => $details,
            'ip' => '',
        ]);
    }

    /**
     * A row of the current user (0 when none, as in WP-CLI) beside the request's own row: one per
     * deployment a hand-over or bulk action touched, or a notice to another user.
     *
     * @param array<string, mixed> $details
     */
    public static function recordForCurrentUser(string $action, string $objectType, string|int $objectId, ?int $deploymentId, string $result, array $details): void
    {
        $user = wp_get_current_user();
        AuditLogStore::insert([
            'actorId' => $user->ID,
            'actorLogin' => $user->ID === 0 ? '' : $user->user_login,
            'action' => $action,
            'objectType' => $objectType,
            'objectId' => (string) $objectId,
            'deploymentId' => $deploymentId,
            'result' => $result,
            'details' => $details,
            'ip' => self::clientIp(),
        ]);
    }

    /**
     * 401/403/404 are refusals for lack of rights or visibility; any other failure is an error.
     */
    public static function resultFor(int $status): string
    {
        if ($status < 400) {
            return self::SUCCESS;
        }
        return in_array($status, [401, 403, 404], true) ? self::DENIED : self::ERROR;
    }

    /** @param mixed $response */
    private static function statusOf($response): int
    {
        if ($response instanceof \WP_Error) {
            $data = $response->get_error_data();
            return is_array($data) && isset($data['status']) ? (int) $data['status'] : 500;
        }
        return $response instanceof \WP_HTTP_Response ? $response->get_status() : 200;
    }

    private static function clientIp(): string
    {
        $ip = isset($_SERVER['REMOTE_ADDR']) ? sanitize_text_field(wp_unslash((string) $_SERVER['REMOTE_ADDR'])) : '';
        return filter_var($ip, FILTER_VALIDATE_IP) ? $ip : '';
    }
}
