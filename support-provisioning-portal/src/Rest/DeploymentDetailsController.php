<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\TicketFields;
use SupportProvisioningPortal\Service\DeploymentDetails;

/**
 * PUT|PATCH deployments/:id: edits the case fields (ticket reference, customer, purpose).
 */
final class DeploymentDetailsController extends Controller
{
    public function registerRoutes(): void
    {
        register_rest_route(self::NAMESPACE, '/deployments/(?P<id>\d+)', [
            $this->route(
                'PUT, PATCH',
                [$this, 'update'],
                $this->requireAll(Right::PORTAL_ACCESS),
                ['id' => $this->idArg()] + TicketFields::schema(),
                'deployment.update'
            ),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /**
     * The deployment, with the case fields as saved.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return DeploymentResource::schema();
    }

    public function update(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($request): array {
            $userId = get_current_user_id();
            $values = array_intersect_key($request->get_params(), TicketFields::FIELDS);
            return DeploymentResource::toArray(DeploymentDetails::update($userId, (int) $request['id'], $values), $userId);
        });
    }
}
