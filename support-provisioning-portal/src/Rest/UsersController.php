<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\RightsAdmin;
use SupportProvisioningPortal\Service\UserRights;
use SupportProvisioningPortal\Store\RightsStore;
use SupportProvisioningPortal\Store\UserDirectory;

/**
 * `GET users`, `GET|PUT users/:id` (manage_rights) and `GET me` (any logged-in user). PUT replaces
 * the stored rights and both overrides (`ramLimitMb`, `vmLimit`).
 */
final class UsersController extends Controller
{
    public function registerRoutes(): void
    {
        $manageRights = $this->requireAll(Right::MANAGE_RIGHTS);
        register_rest_route(self::NAMESPACE, '/users', [
            $this->route(\WP_REST_Server::READABLE, [$this, 'list'], $manageRights, $this->pagingArgs() + [
                'search' => ['type' => 'string', 'maxLength' => 100, 'default' => ''],
            ]),
            'schema' => [$this, 'get_item_schema'],
        ]);
        register_rest_route(self::NAMESPACE, '/users/(?P<id>\d+)', [
            $this->route(\WP_REST_Server::READABLE, [$this, 'get'], $manageRights, ['id' => $this->idArg()]),
            $this->route('PUT', [$this, 'update'], $manageRights, [
                'id' => $this->idArg(),
                'rights' => [
                    'type' => 'array',
                    'required' => true,
                    'items' => ['type' => 'string', 'enum' => RightsAdmin::keys(Right::cases())],
                ],
                'ramLimitMb' => self::limitArg(),
                'vmLimit' => self::limitArg(),
            ], 'rights.update'),
            'schema' => [$this, 'get_item_schema'],
        ]);
        // Requiring no right at all: every logged-in user may ask what they hold.
        register_rest_route(self::NAMESPACE, '/me', [
            $this->route(\WP_REST_Server::READABLE, [$this, 'me'], $this->requireAll()),
            'schema' => [$this, 'meSchema'],
        ]);
    }

    /**
     * A user with their stored and effective rights and both overrides.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        $rights = Schema::listOf(Schema::enum(RightsAdmin::keys(Right::cases())));
        $limit = Schema::nullable(Schema::integer());
        return Schema::resource('portal-user', [
            'id' => Schema::integer(),
            'login' => Schema::string(),
            'email' => Schema::string(),
            'displayName' => Schema::string(),
            'rights' => $rights,
            'effectiveRights' => $rights,
            'ramLimitMb' => $limit,
            'vmLimit' => $limit,
        ]);
    }

    /**
     * GET me: the caller and the rights they hold now.
     *
     * @return array<string, mixed>
     */
    public function meSchema(): array
    {
        return Schema::resource('me', [
            'id' => Schema::integer(),
            'login' => Schema::string(),
            'displayName' => Schema::string(),
            'rights' => Schema::listOf(Schema::enum(RightsAdmin::keys(Right::cases()))),
            'bootstrap' => Schema::boolean(),
            'rightsManagers' => Schema::listOf(Schema::string()),
        ]);
    }

    public function list(\WP_REST_Request $request): \WP_REST_Response
    {
        $perPage = (int) $request['per_page'];
        $found = UserDirectory::find(trim((string) $request['search']), (int) $request['page'], $perPage);
        return $this->paged(array_map([$this, 'present'], $found['users']), $found['total'], $perPage);
    }

    public function get(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $user = UserDirectory::get(self::routeId($request));
        return $user === null ? self::userNotFound() : new \WP_REST_Response($this->present($user));
    }

    public function update(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $user = UserDirectory::get(self::routeId($request));
        if ($user === null) {
            return self::userNotFound();
        }
        return $this->handle(function () use ($request, $user): \WP_REST_Response|\WP_Error {
            $refusal = RightsAdmin::replace(
                get_current_user_id(),
                $user->ID,
                Right::fromKeys((array) $request['rights']),
                self::limit($request['ramLimitMb']),
                self::limit($request['vmLimit'])
            );
            return match ($refusal) {
                null => new \WP_REST_Response($this->present($user)),
                ErrorCode::LAST_RIGHTS_MANAGER => self::lastRightsManager(),
                default => self::forbidden(),
            };
        });
    }

    public function me(): \WP_REST_Response
    {
        $user = wp_get_current_user();
        return new \WP_REST_Response([
            'id' => $user->ID,
            'login' => $user->user_login,
            'displayName' => $user->display_name,
            'rights' => RightsAdmin::keys(UserRights::effective($user->ID)),
            'bootstrap' => !UserRights::bootstrapIsOver(),
            // Whom to ask for a missing right (none while the bootstrap rule makes administrators hold every right).
            'rightsManagers' => self::displayNames(RightsStore::rightsManagerIds(5)),
        ]);
    }

    /**
     * @param list<int> $ids
     * @return list<string>
     */
    private static function displayNames(array $ids): array
    {
        $users = array_filter(array_map('get_userdata', $ids), static fn ($user): bool => $user instanceof \WP_User);
        return array_values(array_map(static fn (\WP_User $user): string => $user->display_name, $users));
    }

    /** @return array<string, mixed> */
    private function present(\WP_User $user): array
    {
        return [
            'id' => $user->ID,
            'login' => $user->user_login,
            'email' => $user->user_email,
            'displayName' => $user->display_name,
            'rights' => RightsAdmin::keys(RightsStore::get($user->ID)),
            'effectiveRights' => RightsAdmin::keys(UserRights::effective($user->ID)),
            'ramLimitMb' => RightsStore::ramLimitMb($user->ID),
            'vmLimit' => RightsStore::vmLimit($user->ID),
        ];
    }

    /**
     * An override: null = the site default, 0 = unlimited. PUT replaces it, so absent means null.
     *
     * @return array<string, mixed>
     */
    private static function limitArg(): array
    {
        return ['type' => ['integer', 'null'], 'minimum' => 0, 'maximum' => QuotaPolicy::MAX_LIMIT, 'default' => null];
    }

    private static function limit(mixed $value): ?int
    {
        return $value === null ? null : (int) $value;
    }

    private static function lastRightsManager(): \WP_Error
    {
        return self::error(ErrorCode::LAST_RIGHTS_MANAGER, __(
            'You are the last rights manager: you cannot remove your own right to manage rights or to open the portal.',
            'support-provisioning-portal'
        ));
    }

    private static function userNotFound(): \WP_Error
    {
        return self::error(ErrorCode::USER_NOT_FOUND, __('No such user on this site.', 'support-provisioning-portal'));
    }
}
