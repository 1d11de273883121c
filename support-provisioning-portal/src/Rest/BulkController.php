<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\BulkActions;

/**
 * POST deployments/bulk: stop, prolong, delete or hand over many deployments, one result each.
 */
final class BulkController extends Controller
{
    public function registerRoutes(): void
    {
        register_rest_route(self::NAMESPACE, '/deployments/bulk', $this->single($this->route('POST', [$this, 'run'], $this->requireAll(Right::PORTAL_ACCESS), [
            'action' => ['type' => 'string', 'enum' => BulkActions::ACTIONS, 'required' => true],
            'ids' => [
                'type' => 'array',
                'items' => ['type' => 'integer', 'minimum' => 1],
                'minItems' => 1,
                'maxItems' => BulkActions::MAX_ITEMS,
                'uniqueItems' => true,
                'required' => true,
            ],
            'hours' => ['type' => 'integer', 'minimum' => 1, 'maximum' => 87600],
            'to' => ['type' => 'string', 'minLength' => 1, 'maxLength' => 100],
        ], 'deployment.bulk')));
    }

    /**
     * One result per id: the new status and owner, or the refusal's code and message.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('bulk-results', ['results' => Schema::listOf(Schema::object([
            'id' => Schema::integer(),
            'ok' => Schema::boolean(),
            'status' => DeploymentResource::schema()['properties']['status'],
            'ownerLogin' => Schema::string(),
            'code' => Schema::string(),
            'message' => Schema::string(),
        ], ['status', 'ownerLogin', 'code', 'message']))]);
    }

    public function run(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $action = (string) $request['action'];
        $needs = ['prolong' => 'hours', 'transfer' => 'to'][$action] ?? null;
        if ($needs !== null && $request[$needs] === null) {
            return new \WP_Error('rest_missing_callback_param', sprintf(
                /* translators: %s: name of the missing parameter */
                __('Missing parameter: %s', 'support-provisioning-portal'),
                $needs
            ), ['status' => 400, 'params' => [$needs]]);
        }
        $args = array_filter(['hours' => $request['hours'], 'to' => $request['to']], static fn ($value): bool => $value !== null);
        $results = BulkActions::run(get_current_user_id(), $action, array_map('intval', (array) $request['ids']), $args);
        return new \WP_REST_Response(['results' => $results], 200);
    }
}
