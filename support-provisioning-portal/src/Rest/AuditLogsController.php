<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Store\AuditLogStore;
use SupportProvisioningPortal\Support\Time;

/**
 * `GET audit-logs` (manage_all or manage_settings), newest first. The log is append-only,
 * so this is the only route on it.
 */
final class AuditLogsController extends Controller
{
    public function registerRoutes(): void
    {
        $args = $this->pagingArgs() + [
            'actor' => ['type' => 'string', 'minLength' => 1, 'maxLength' => 60],
            'action' => ['type' => 'string', 'minLength' => 1, 'maxLength' => 64],
            'deployment' => ['type' => 'integer', 'minimum' => 1],
            'after' => ['type' => 'string', 'format' => 'date-time'],
            'before' => ['type' => 'string', 'format' => 'date-time'],
        ];
        $permission = $this->requireAny(Right::MANAGE_ALL, Right::MANAGE_SETTINGS);
        register_rest_route(self::NAMESPACE, '/audit-logs', [
            $this->route(\WP_REST_Server::READABLE, [$this, 'list'], $permission, $args),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /**
     * One audit row; the route answers a page of them, newest first.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('audit-entry', [
            'id' => Schema::integer(),
            'createdAt' => Schema::dateTime(),
            'actorId' => Schema::integer(),
            'actorLogin' => Schema::string(),
            'action' => Schema::string(),
            'objectType' => Schema::string(),
            'objectId' => Schema::string(),
            'deploymentId' => Schema::nullable(Schema::integer()),
            'deploymentName' => Schema::nullable(Schema::string()),
            'result' => Schema::enum(['success', 'denied', 'error']),
            'details' => Schema::map(),
            'ip' => Schema::string(),
        ]);
    }

    public function list(\WP_REST_Request $request): \WP_REST_Response
    {
        $perPage = (int) $request['per_page'];
        $found = AuditLogStore::find($this->filters($request), (int) $request['page'], $perPage);
        return $this->paged(array_map([$this, 'present'], $found['rows']), $found['total'], $perPage);
    }

    /**
     * `actor` is a user id when it is all digits, else a login: rows keep the login they were
     * written with, so deleted users can still be found.
     *
     * @return array{actorId?: int, actorLogin?: string, action?: string, deploymentId?: int,
     *     after?: string, before?: string}
     */
    private function filters(\WP_REST_Request $request): array
    {
        $filters = [];
        $actor = $request['actor'];
        if (is_string($actor)) {
            $filters += ctype_digit($actor) ? ['actorId' => (int) $actor] : ['actorLogin' => $actor];
        }
        if (is_string($request['action'])) {
            $filters['action'] = $request['action'];
        }
        if ($request['deployment'] !== null) {
            $filters['deploymentId'] = (int) $request['deployment'];
        }
        foreach (['after', 'before'] as $bound) {
            if (is_string($request[$bound])) {
                $filters[$bound] = Time::isoToDb($request[$bound]);
            }
        }
        return $filters;
    }

    /**
     * @param array<string, mixed> $row
     * @return array<string, mixed>
     */
    private function present(array $row): array
    {
        $details = json_decode((string) $row['details'], true);
        return [
            'id' => (int) $row['id'],
            'createdAt' => Time::dbToIso((string) $row['created_at']),
            'actorId' => (int) $row['actor_id'],
            'actorLogin' => (string) $row['actor_login'],
            'action' => (string) $row['action'],
            'objectType' => (string) $row['object_type'],
            'objectId' => (string) $row['object_id'],
            'deploymentId' => $row['deployment_id'] === null ? null : (int) $row['deployment_id'],
            'deploymentName' => isset($row['deployment_name']) ? (string) $row['deployment_name'] : null,
            'result' => (string) $row['result'],
            // An object even when empty, so clients need not tell [] from {}.
            'details' => (object) (is_array($details) ? $details : []),
            'ip' => (string) $row['ip'],
        ];
    }
}
