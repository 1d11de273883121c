<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\Sharing;
use SupportProvisioningPortal\Support\Time;

/**
 * GET/POST deployments/:id/shares, DELETE deployments/:id/shares/:user_id.
 */
final class SharesController extends Controller
{
    public function registerRoutes(): void
    {
        $access = $this->requireAll(Right::PORTAL_ACCESS);
        register_rest_route(self::NAMESPACE, '/deployments/(?P<id>\d+)/shares', [
            $this->route('GET', [$this, 'list'], $access, ['id' => $this->idArg()]),
            $this->route('POST', [$this, 'add'], $access, [
                'id' => $this->idArg(),
                'user' => ['type' => 'string', 'minLength' => 1, 'maxLength' => 100, 'required' => true],
            ], 'share.add'),
            'schema' => [$this, 'get_item_schema'],
        ]);
        register_rest_route(self::NAMESPACE, '/deployments/(?P<id>\d+)/shares/(?P<user_id>\d+)', $this->single($this->route(
            'DELETE',
            [$this, 'remove'],
            $access,
            ['id' => $this->idArg(), 'user_id' => $this->idArg()],
            'share.remove'
        )));
    }

    /**
     * One user a deployment is shared with; every shares route answers the whole list.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('share', [
            'userId' => Schema::integer(),
            'login' => Schema::string(),
            'displayName' => Schema::string(),
            'createdAt' => Schema::dateTime(),
        ]);
    }

    public function list(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => self::present(Sharing::list(get_current_user_id(), self::routeId($request))));
    }

    public function add(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => self::present(Sharing::add(get_current_user_id(), self::routeId($request), (string) $request['user'])));
    }

    public function remove(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => self::present(Sharing::remove(get_current_user_id(), self::routeId($request), self::routeId($request, 'user_id'))));
    }

    /**
     * @param list<array{userId: int, login: string, displayName: string, createdAt: string}> $shares
     * @return list<array<string, mixed>>
     */
    private static function present(array $shares): array
    {
        return array_map(static fn (array $share): array => ['createdAt' => Time::dbToIso($share['createdAt'])] + $share, $shares);
    }
}
