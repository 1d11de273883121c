<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

/**
 * Refuses a JSON body that is a bare string or number (`"text"`, `5`) with 400 rest_invalid_json.
 * WordPress 6.1 walks such a body as if it were an object and logs a PHP warning. The refusal is
 * given just before the callbacks, so a mutating route still writes its audit row.
 */
final class JsonBodyGuard
{
    /** @var \WeakMap<\WP_REST_Request, true>|null */
    private static ?\WeakMap $refused = null;

    public static function register(): void
    {
        add_filter('rest_pre_dispatch', [self::class, 'inspect'], 10, 3);
        add_filter('rest_request_before_callbacks', [self::class, 'refuse'], 10, 3);
    }

    /**
     * @param mixed $result
     * @return mixed
     */
    public static function inspect($result, \WP_REST_Server $server, \WP_REST_Request $request)
    {
        if (!str_starts_with($request->get_route(), '/' . Controller::NAMESPACE . '/') || !$request->is_json_content_type()) {
            return $result;
        }
        $body = json_decode($request->get_body(), true);
        if (is_string($body) || is_int($body) || is_float($body) || $body === true) {
            $request->set_body('');
            self::$refused ??= new \WeakMap();
            self::$refused[$request] = true;
        }
        return $result;
    }

    /**
     * @param mixed $response
     * @param array<string, mixed> $handler
     * @return mixed
     */
    public static function refuse($response, array $handler, \WP_REST_Request $request)
    {
        if (is_wp_error($response) || !isset(self::$refused[$request])) {
            return $response;
        }
        return new \WP_Error(
            'rest_invalid_json',
            __('The JSON body must be an object.', 'support-provisioning-portal'),
            ['status' => 400]
        );
    }
}
