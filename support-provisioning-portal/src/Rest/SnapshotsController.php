<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Proxmox\SnapshotInfo;
use SupportProvisioningPortal\Service\Snapshots;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * GET|POST deployments/:id/snapshots, POST deployments/:id/snapshots/:name/rollback (reset to
 * clean: the name spp_baseline) and DELETE deployments/:id/snapshots/:name. Changes answer 202:
 * the work runs as the deployment's background step.
 */
final class SnapshotsController extends Controller
{
    public function registerRoutes(): void
    {
        $id = ['id' => $this->idArg()];
        $name = ['name' => ['type' => 'string', 'pattern' => SnapshotJob::NAME_PATTERN, 'required' => true]];
        $base = '/deployments/(?P<id>\d+)/snapshots';
        $one = $base . '/(?P<name>[A-Za-z][A-Za-z0-9_]{1,39})';
        $snapshotRight = $this->requireAll(Right::PORTAL_ACCESS, Right::SNAPSHOT);
        register_rest_route(self::NAMESPACE, $base, [
            $this->route('GET', [$this, 'list'], $this->requireAll(Right::PORTAL_ACCESS), $id),
            $this->route('POST', [$this, 'take'], $snapshotRight, $id + $name + [
                'description' => ['type' => 'string', 'maxLength' => 255, 'default' => ''],
                'vmstate' => ['type' => 'boolean', 'default' => false],
            ], 'deployment.snapshot'),
        ]);
        register_rest_route(self::NAMESPACE, $one . '/rollback', $this->route('POST', [$this, 'rollback'], $snapshotRight, $id + $name, 'deployment.rollback'));
        register_rest_route(self::NAMESPACE, $one, $this->route('DELETE', [$this, 'delete'], $snapshotRight, $id + $name, 'deployment.snapshot_delete'));
    }

    public function list(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($request): array {
            [$deployment, $snapshots] = Snapshots::list(get_current_user_id(), self::routeId($request));
            return [
                'deployment' => DeploymentResource::toArray($deployment, get_current_user_id()),
                'limit' => SettingsStore::all()['snapshotLimit'],
                'snapshots' => array_map(static fn (SnapshotInfo $s): array => [
                    'name' => $s->name,
                    'description' => $s->description,
                    'takenAt' => $s->snaptime > 0 ? gmdate('Y-m-d\TH:i:s\Z', $s->snaptime) : null,
                    'withRam' => $s->vmstate,
                    'baseline' => $s->name === SnapshotJob::BASELINE,
                ], $snapshots),
            ];
        });
    }

    public function take(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->accepted(static fn (): DeploymentRecord => Snapshots::take(
            get_current_user_id(),
            self::routeId($request),
            (string) $request['name'],
            trim((string) $request['description']),
            (bool) $request['vmstate']
        ));
    }

    public function rollback(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->accepted(static fn (): DeploymentRecord => Snapshots::rollback(get_current_user_id(), self::routeId($request), self::routeName($request)));
    }

    public function delete(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->accepted(static fn (): DeploymentRecord => Snapshots::delete(get_current_user_id(), self::routeId($request), self::routeName($request)));
    }

    /** @param callable(): DeploymentRecord $work */
    private function accepted(callable $work): \WP_REST_Response|\WP_Error
    {
        try {
            return $this->handle(static fn (): \WP_REST_Response => new \WP_REST_Response(DeploymentResource::toArray($work(), get_current_user_id()), 202));
        } catch (InvalidInput $error) {
            return new \WP_Error('rest_invalid_param', $error->getMessage(), ['status' => 400, 'params' => [$error->field => $error->getMessage()]]);
        }
    }

    /** The snapshot name from the path, never from a body or query parameter that shadows it. */
    private static function routeName(\WP_REST_Request $request): string
    {
        return (string) ($request->get_url_params()['name'] ?? '');
    }
}
