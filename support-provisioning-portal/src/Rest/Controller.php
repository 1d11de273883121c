<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Paging;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\AuditTrail;
use SupportProvisioningPortal\Service\ServiceError;
use SupportProvisioningPortal\Service\UserRights;
use SupportProvisioningPortal\Store\LockTimeout;

/**
 * Shared plumbing for the plugin's REST controllers: namespace, permission callbacks built from
 * plugin rights, contract errors and paged responses. Controllers hold no business rules.
 */
abstract class Controller
{
    public const NAMESPACE = 'support-provisioning/v1';

    /**
     * The caller and rights each request's permission check resolved, for its handler, which
     * WordPress calls right after it (callerRights()). Gone with the request object.
     *
     * @var \WeakMap<\WP_REST_Request, array{int, list<Right>}>|null
     */
    private static ?\WeakMap $checked = null;
    abstract public function registerRoutes(): void;

    /**
     * A route definition; `$audit` names the action of a mutating route in the audit log.
     *
     * @param array<string, mixed> $args
     * @return array<string, mixed>
     */
    protected function route(string $methods, callable $callback, callable $permission, array $args = [], ?string $audit = null): array
    {
        $route = ['methods' => $methods, 'callback' => $callback, 'permission_callback' => $permission, 'args' => $args];
        if ($audit !== null) {
            $route[AuditTrail::ROUTE_KEY] = $audit;
        }
        return $route;
    }

    /**
     * The JSON Schema of the resource this controller's routes answer (WordPress's convention),
     * shown in the REST index and on OPTIONS; every route registers it as its `schema`.
     *
     * @return array<string, mixed>
     */
    abstract public function get_item_schema(): array; // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name

    /**
     * A route of one endpoint with the controller's schema: WordPress reads route options such as
     * `schema` only beside a list of endpoints.
     *
     * @param array<string, mixed> $endpoint
     * @return array<int|string, mixed>
     */
    protected function single(array $endpoint): array
    {
        return [$endpoint, 'schema' => [$this, 'get_item_schema']];
    }

    /** Permission callback: the caller must hold every one of the rights. */
    protected function requireAll(Right ...$rights): callable
    {
        return static fn (?\WP_REST_Request $request = null): bool|\WP_Error => self::check(
            static fn (array $held): bool => array_diff(self::keys($rights), self::keys($held)) === [],
            $request
        );
    }

    /** Permission callback: the caller must hold at least one of the rights. */
    protected function requireAny(Right ...$rights): callable
    {
        return static fn (?\WP_REST_Request $request = null): bool|\WP_Error => self::check(
            static fn (array $held): bool => array_intersect(self::keys($rights), self::keys($held)) !== [],
            $request
        );
    }

    /**
     * The caller's effective rights for a handler: as its request's permission check resolved them
     * a moment before (WordPress runs nothing of the plugin's between the two), else resolved now.
     *
     * @return list<Right>
     */
    protected static function callerRights(\WP_REST_Request $request, int $userId): array
    {
        $checked = self::$checked[$request] ?? null;
        return $checked !== null && $checked[0] === $userId ? $checked[1] : UserRights::effective($userId);
    }

    /**
     * @param array<Right> $rights
     * @return list<string>
     */
    private static function keys(array $rights): array
    {
        return array_values(array_map(static fn (Right $right): string => $right->value, $rights));
    }

    /** @param callable(list<Right>): bool $test */
    private static function check(callable $test, ?\WP_REST_Request $request): bool|\WP_Error
    {
        $userId = get_current_user_id();
        if ($userId === 0) {
            return new \WP_Error('rest_not_logged_in', __('You must be logged in to use the Support Provisioning Portal.', 'support-provisioning-portal'), ['status' => 401]);
        }
        $rights = UserRights::effective($userId);
        if ($request !== null) {
            self::$checked ??= new \WeakMap();
            self::$checked[$request] = [$userId, $rights];
        }
        if (!$test($rights)) {
            return self::forbidden();
        }
        return true;
    }

    public static function forbidden(): \WP_Error
    {
        return self::error(ErrorCode::FORBIDDEN, __('You do not have the portal right this action needs.', 'support-provisioning-portal'));
    }

    /** @param array<string, mixed> $data */
    public static function error(ErrorCode $code, string $message, array $data = []): \WP_Error
    {
        return new \WP_Error($code->value, $message, ['status' => $code->httpStatus()] + $data);
    }

    /**
     * Runs a handler and turns a service refusal or a lock timeout into the contract's REST error.
     * An exception leaving a callback would end the request with a bare 500 and no audit row.
     *
     * @param callable(): (\WP_REST_Response|\WP_Error|array<mixed>) $handler
     */
    protected function handle(callable $handler): \WP_REST_Response|\WP_Error
    {
        try {
            return rest_ensure_response($handler());
        } catch (ServiceError $refusal) {
            return self::error($refusal->errorCode, $refusal->getMessage(), $refusal->data);
        } catch (LockTimeout) {
            $fallback = ServiceError::fromCode(ErrorCode::TRY_AGAIN);
            return self::error($fallback->errorCode, $fallback->getMessage());
        }
    }

    /**
     * @param list<array<string, mixed>> $items
     */
    protected function paged(array $items, int $total, int $perPage): \WP_REST_Response
    {
        $response = new \WP_REST_Response($items, 200);
        $response->header('X-WP-Total', (string) $total);
        $response->header('X-WP-TotalPages', (string) max(1, (int) ceil($total / max(1, $perPage))));
        return $response;
    }

    /** @return array<string, array<string, mixed>> */
    protected function pagingArgs(): array
    {
        return [
            'page' => ['type' => 'integer', 'minimum' => 1, 'maximum' => Paging::MAX_PAGE, 'default' => 1],
            'per_page' => ['type' => 'integer', 'minimum' => 1, 'maximum' => Paging::MAX_PER_PAGE, 'default' => 20],
        ];
    }

    /**
     * A numeric id from the route's path. WordPress lets a body or query parameter of the same
     * name shadow a path parameter in `$request[...]`, so route ids are read from here only.
     */
    protected static function routeId(\WP_REST_Request $request, string $name = 'id'): int
    {
        // The route's pattern matched digits, which the argument schema has made an int by now.
        $value = $request->get_url_params()[$name] ?? 0;
        return is_int($value) || (is_string($value) && ctype_digit($value)) ? (int) $value : 0;
    }

    /** @return array<string, mixed> */
    protected function idArg(): array
    {
        return ['type' => 'integer', 'minimum' => 1, 'required' => true];
    }
}
