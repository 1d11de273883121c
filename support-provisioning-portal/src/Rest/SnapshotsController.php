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
 * clean: the name spp_baseline) and DELETE deployments/:id/snapshots/:name. Every route answers
 * the deployment with its snapshots and the limit; changes answer 202, the work running as the
 * deployment's background step (its `snapshotTask`).
 */
final class SnapshotsController extends Controller
{
    public function registerRoutes(): void
    {
        $id = ['id' => $this->idArg()];
        $name = ['name' => ['type' => 'string', 'pattern' => SnapshotJob::NAME_PATTERN, 'required' => true]];
        $base = '/deployments/(?P<id>\d+)/snapshots';
        // The argument schema checks Proxmox's format; the path takes any word, so a bad name answers 400.
        $one = $base . '/(?P<name>\w{1,40})';
        $snapshotRight = $this->requireAll(Right::PORTAL_ACCESS, Right::SNAPSHOT);
        register_rest_route(self::NAMESPACE, $base, [
            $this->route('GET', [$this, 'list'], $this->requireAll(Right::PORTAL_ACCESS), $id),
            $this->route('POST', [$this, 'take'], $snapshotRight, $id + $name + [
                'description' => ['type' => 'string', 'maxLength' => 255, 'default' => ''],
                'vmstate' => ['type' => 'boolean', 'default' => false],
            ], 'deployment.snapshot'),
            'schema' => [$this, 'get_item_schema'],
        ]);
        register_rest_route(self::NAMESPACE, $one . '/rollback', $this->single($this->route('POST', [$this, 'rollback'], $snapshotRight, $id + $name, 'deployment.rollback')));
        register_rest_route(self::NAMESPACE, $one, $this->single($this->route('DELETE', [$this, 'delete'], $snapshotRight, $id + $name, 'deployment.snapshot_delete')));
    }

    /**
     * The deployment, the user-snapshot limit and the VM's snapshots, oldest first.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('snapshot-list', [
            'deployment' => DeploymentResource::schema(),
            'limit' => Schema::integer(),
            'snapshots' => Schema::listOf(Schema::object([
                'name' => Schema::string(),
                'description' => Schema::string(),
                'takenAt' => Schema::nullable(Schema::dateTime()),
                'withRam' => Schema::boolean(),
                'baseline' => Schema::boolean(),
            ])),
        ]);
    }

    public function list(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static fn (): array => self::answer(self::routeId($request)));
    }

    /** @return array<string, mixed> */
    private static function answer(int $id): array
    {
        [$deployment, $snapshots] = Snapshots::list(get_current_user_id(), $id);
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

    /**
     * Runs the change, then answers the deployment as it is now (its snapshotTask shows the work)
     * with the snapshots.
     *
     * @param callable(): DeploymentRecord $work
     */
    private function accepted(callable $work): \WP_REST_Response|\WP_Error
    {
        try {
            return $this->handle(static fn (): \WP_REST_Response => new \WP_REST_Response(self::answer($work()->id), 202));
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
