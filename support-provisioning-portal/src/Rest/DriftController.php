<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\DriftOrphans;
use SupportProvisioningPortal\Service\DriftReport;
use SupportProvisioningPortal\Service\DriftRepairs;
use SupportProvisioningPortal\Service\DriftScan;
use SupportProvisioningPortal\Service\Ticker;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * The drift check and its actions (docs/decisions/drift.md): `manage_all` holders see and repair
 * drift; destroying an orphan and marking a deployment as gone also need `delete`.
 */
final class DriftController extends Controller
{
    public function registerRoutes(): void
    {
        $manage = $this->requireAll(Right::PORTAL_ACCESS, Right::MANAGE_ALL);
        $manageAndDelete = $this->requireAll(Right::PORTAL_ACCESS, Right::MANAGE_ALL, Right::DELETE);
        register_rest_route(self::NAMESPACE, '/drift', $this->single($this->route('GET', [$this, 'show'], $manage)));
        register_rest_route(self::NAMESPACE, '/drift/check', $this->single($this->route('POST', [$this, 'check'], $manage, [], 'drift.check')));
        $orphan = [
            'vmid' => ['type' => 'integer', 'minimum' => 1, 'required' => true],
            'marker' => ['type' => 'string', 'minLength' => 1, 'maxLength' => 64, 'required' => true],
        ];
        register_rest_route(self::NAMESPACE, '/drift/orphans/(?P<vmid>\d+)/adopt', [$this->route(
            'POST',
            [$this, 'adopt'],
            $manage,
            $orphan + ['owner' => ['type' => 'string', 'minLength' => 1, 'maxLength' => 100, 'required' => true]],
            DriftOrphans::ADOPT_AUDIT
        ), 'schema' => [DeploymentResource::class, 'schema']]);
        register_rest_route(self::NAMESPACE, '/drift/orphans/(?P<vmid>\d+)/destroy', [
            $this->route('POST', [$this, 'destroy'], $manageAndDelete, $orphan, DriftOrphans::DESTROY_AUDIT),
            'schema' => [$this, 'destroyedSchema'],
        ]);
        $repairs = [
            'gone' => [$manageAndDelete, DriftRepairs::GONE_AUDIT],
            'reapply' => [$manage, DriftRepairs::REAPPLY_AUDIT],
            'stop' => [$manage, DriftRepairs::STOP_AUDIT],
        ];
        foreach ($repairs as $action => [$permission, $audit]) {
            register_rest_route(self::NAMESPACE, "/drift/deployments/(?P<id>\\d+)/{$action}", [
                $this->route('POST', [$this, 'repair'], $permission, ['id' => $this->idArg()], $audit),
                'schema' => [DeploymentResource::class, 'schema'],
            ]);
        }
    }

    /**
     * The last check's findings.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        $kind = Schema::enum([DriftScan::GONE, DriftScan::REPLACED, DriftScan::CHANGED, DriftScan::RUNNING_AFTER_EXPIRY]);
        return Schema::resource('drift-report', [
            'checkedAt' => Schema::nullable(Schema::dateTime()),
            'complete' => Schema::boolean(),
            'foreignMarkers' => Schema::integer(),
            'orphans' => Schema::listOf(Schema::object([
                'vmid' => Schema::integer(),
                'node' => Schema::string(),
                'name' => Schema::string(),
                'marker' => Schema::string(),
                'deploymentId' => Schema::integer(),
                'running' => Schema::boolean(),
                'memoryMb' => Schema::integer(),
                'cores' => Schema::integer(),
                'reason' => Schema::enum(['deleted', 'failed', 'duplicate']),
                'adoptable' => Schema::boolean(),
            ])),
            'deployments' => Schema::listOf(Schema::object([
                'id' => Schema::integer(),
                'name' => Schema::string(),
                'ownerLogin' => Schema::string(),
                'status' => Schema::string(),
                'vmid' => Schema::integer(),
                'node' => Schema::string(),
                'kind' => $kind,
                'changes' => Schema::listOf(Schema::object([
                    'field' => Schema::enum(['memory', 'cores', 'name']),
                    'expected' => Schema::string(),
                    'actual' => Schema::string(),
                ])),
            ])),
        ]);
    }

    /**
     * What a destruction did.
     *
     * @return array<string, mixed>
     */
    public function destroyedSchema(): array
    {
        return Schema::resource('drift-destroyed', [
            'vmid' => Schema::integer(),
            'node' => Schema::string(),
            'marker' => Schema::string(),
            'destroyed' => Schema::boolean(),
        ]);
    }

    public function show(): \WP_REST_Response
    {
        return new \WP_REST_Response(DriftReport::stored(), 200);
    }

    public function check(): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => DriftReport::checkNow(microtime(true) + Ticker::PENDING_BUDGET_SECONDS));
    }

    public function adopt(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => self::deployment(DriftOrphans::adopt(
            get_current_user_id(),
            self::routeId($request, 'vmid'),
            (string) $request['marker'],
            (string) $request['owner']
        )));
    }

    public function destroy(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => DriftOrphans::destroy(self::routeId($request, 'vmid'), (string) $request['marker']));
    }

    public function repair(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $action = basename($request->get_route());
        $repair = match ($action) {
            'gone' => DriftRepairs::markGone(...),
            'reapply' => DriftRepairs::reapply(...),
            default => DriftRepairs::stop(...),
        };
        return $this->handle(static fn (): array => self::deployment($repair(get_current_user_id(), self::routeId($request))));
    }

    /** @return array<string, mixed> */
    private static function deployment(DeploymentRecord $d): array
    {
        return DeploymentResource::toArray($d, get_current_user_id());
    }
}
