<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\Lifecycle;

/**
 * POST deployments/:id/{start,stop,prolong,refresh-ips}.
 */
final class DeploymentActionsController extends Controller
{
    public function registerRoutes(): void
    {
        $id = ['id' => $this->idArg()];
        $base = '/deployments/(?P<id>\d+)';
        register_rest_route(self::NAMESPACE, "{$base}/start", $this->single($this->route('POST', [$this, 'start'], $this->requireAll(Right::PORTAL_ACCESS, Right::START), $id, 'deployment.start')));
        register_rest_route(self::NAMESPACE, "{$base}/stop", $this->single($this->route('POST', [$this, 'stop'], $this->requireAll(Right::PORTAL_ACCESS, Right::STOP), $id, 'deployment.stop')));
        register_rest_route(self::NAMESPACE, "{$base}/prolong", $this->single($this->route('POST', [$this, 'prolong'], $this->requireAll(Right::PORTAL_ACCESS, Right::PROLONG), $id + [
            'hours' => ['type' => 'integer', 'minimum' => 1, 'maximum' => 87600, 'required' => true],
        ], 'deployment.prolong')));
        $refreshIps = $this->route('POST', [$this, 'refreshIps'], $this->requireAll(Right::PORTAL_ACCESS, Right::REFRESH_IPS), $id, 'deployment.refresh_ips');
        register_rest_route(self::NAMESPACE, "{$base}/refresh-ips", $this->single($refreshIps));
    }

    /**
     * The deployment after the action; refresh-ips adds `ipAddressesHint`.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return DeploymentResource::schema();
    }

    public function start(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => DeploymentResource::toArray(Lifecycle::start(get_current_user_id(), self::routeId($request)), get_current_user_id()));
    }

    public function stop(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => DeploymentResource::toArray(Lifecycle::stop(get_current_user_id(), self::routeId($request)), get_current_user_id()));
    }

    public function prolong(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => DeploymentResource::toArray(
            Lifecycle::prolong(get_current_user_id(), self::routeId($request), (int) $request['hours']),
            get_current_user_id()
        ));
    }

    public function refreshIps(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($request): array {
            [$deployment, $hint] = Lifecycle::refreshIps(get_current_user_id(), self::routeId($request));
            return DeploymentResource::toArray($deployment, get_current_user_id()) + ['ipAddressesHint' => $hint === '' ? null : $hint];
        });
    }
}
