<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\Handover;
use SupportProvisioningPortal\Service\OrphanOwner;

/**
 * POST deployments/:id/transfer, and GET|PUT settings/handover (the orphan owner).
 */
final class HandoverController extends Controller
{
    public function registerRoutes(): void
    {
        $user = ['type' => 'string', 'maxLength' => 100, 'required' => true];
        register_rest_route(self::NAMESPACE, '/deployments/(?P<id>\d+)/transfer', $this->single($this->route(
            'POST',
            [$this, 'transfer'],
            $this->requireAll(Right::PORTAL_ACCESS),
            ['id' => $this->idArg(), 'to' => ['minLength' => 1] + $user],
            Handover::AUDIT_ACTION
        )));
        $manage = $this->requireAll(Right::MANAGE_SETTINGS);
        register_rest_route(self::NAMESPACE, '/settings/handover', [
            $this->route('GET', [$this, 'show'], $manage),
            $this->route('PUT, PATCH', [$this, 'update'], $manage, ['orphanOwner' => $user], 'settings.handover'),
            'schema' => [$this, 'settingsSchema'],
        ]);
    }

    /**
     * The deployment after the hand-over.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return DeploymentResource::schema();
    }

    /**
     * The orphan owner; both null when none is configured.
     *
     * @return array<string, mixed>
     */
    public function settingsSchema(): array
    {
        return Schema::resource('handover-settings', [
            'orphanOwnerId' => Schema::nullable(Schema::integer()),
            'orphanOwnerLogin' => Schema::nullable(Schema::string()),
        ]);
    }

    public function transfer(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => DeploymentResource::toArray(
            Handover::transfer(get_current_user_id(), self::routeId($request), (string) $request['to']),
            get_current_user_id()
        ));
    }

    public function show(): \WP_REST_Response
    {
        $owner = OrphanOwner::configured();
        return new \WP_REST_Response(['orphanOwnerId' => $owner?->ID, 'orphanOwnerLogin' => $owner?->user_login], 200);
    }

    public function update(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(function () use ($request): \WP_REST_Response {
            OrphanOwner::set((string) $request['orphanOwner']);
            return $this->show();
        });
    }
}
