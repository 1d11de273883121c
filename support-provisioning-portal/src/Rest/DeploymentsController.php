<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Domain\TicketFields;
use SupportProvisioningPortal\Service\DeploymentAccess;
use SupportProvisioningPortal\Service\Freshness;
use SupportProvisioningPortal\Service\Lifecycle;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Wiring;

/**
 * GET/POST deployments, GET/DELETE deployments/:id.
 */
final class DeploymentsController extends Controller
{
    public function registerRoutes(): void
    {
        $listable = array_values(array_filter(
            array_map(static fn (Status $s): string => $s->value, Status::cases()),
            static fn (string $s): bool => $s !== Status::DELETED->value
        ));
        register_rest_route(self::NAMESPACE, '/deployments', [
            $this->route('GET', [$this, 'list'], $this->requireAll(Right::PORTAL_ACCESS), $this->pagingArgs() + [
                'status' => ['type' => 'string', 'enum' => $listable],
                'search' => ['type' => 'string', 'maxLength' => 190],
                'owner' => ['type' => 'integer', 'minimum' => 1],
            ]),
            $this->route('POST', [$this, 'create'], $this->requireAll(Right::PORTAL_ACCESS, Right::CREATE), [
                'templateId' => ['type' => 'integer', 'minimum' => 1, 'required' => true],
                'name' => ['type' => 'string', 'maxLength' => 190, 'default' => ''],
                'ttlHours' => ['type' => 'integer', 'minimum' => 1, 'maximum' => 87600],
                'neverExpire' => ['type' => 'boolean', 'default' => false],
            ] + TicketFields::schema(), 'deployment.create'),
            'schema' => [$this, 'get_item_schema'],
        ]);
        register_rest_route(self::NAMESPACE, '/deployments/(?P<id>\d+)', [
            $this->route('GET', [$this, 'get'], $this->requireAll(Right::PORTAL_ACCESS), ['id' => $this->idArg()]),
            $this->route('DELETE', [$this, 'delete'], $this->requireAll(Right::PORTAL_ACCESS, Right::DELETE), ['id' => $this->idArg()], 'deployment.delete'),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /**
     * A deployment (CONTRACT §6); the list answers an array of them.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return DeploymentResource::schema();
    }

    public function list(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $userId = get_current_user_id();
        // Resolved once for the request's visibility, the rows' policies and their fields.
        $rights = self::callerRights($request, $userId);
        $seesAll = in_array(Right::MANAGE_ALL, $rights, true);
        if ($request['owner'] !== null && !$seesAll) {
            return self::forbidden();
        }
        $filters = array_filter([
            'status' => $request['status'],
            'search' => $request['search'],
            'ownerId' => $request['owner'],
        ], static fn ($value): bool => $value !== null && $value !== '');
        $perPage = (int) $request['per_page'];
        $found = DeploymentStore::listVisible($userId, $seesAll, $filters, (int) $request['page'], $perPage);
        $items = DeploymentResource::listOf(Freshness::refreshAll($found['records'], $userId), $userId, $rights);
        return $this->paged($items, $found['total'], $perPage);
    }

    public function get(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($request): array {
            $userId = get_current_user_id();
            $rights = self::callerRights($request, $userId);
            return DeploymentResource::toArray(DeploymentAccess::authorize($userId, self::routeId($request), Action::VIEW, $rights), $userId, $rights);
        });
    }

    public function create(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($request): \WP_REST_Response {
            $userId = get_current_user_id();
            $neverExpire = (bool) $request['neverExpire'];
            $deployment = Wiring::deployments()->createFor(
                $userId,
                (int) $request['templateId'],
                sanitize_text_field((string) $request['name']),
                $neverExpire || $request['ttlHours'] === null ? null : (int) $request['ttlHours'],
                $neverExpire,
                (new TicketFields())->with($request->get_params())
            );
            return new \WP_REST_Response(DeploymentResource::toArray($deployment, $userId, self::callerRights($request, $userId)), 201);
        });
    }

    public function delete(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($request): \WP_REST_Response {
            $userId = get_current_user_id();
            $deployment = Lifecycle::delete($userId, self::routeId($request));
            return new \WP_REST_Response(DeploymentResource::toArray($deployment, $userId), 202);
        });
    }
}
