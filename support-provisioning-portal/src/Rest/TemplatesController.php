<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\AutoStopSchedule;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\InvalidTemplatePolicy;
use SupportProvisioningPortal\Service\TemplateBacking;
use SupportProvisioningPortal\Service\TemplateCatalog;
use SupportProvisioningPortal\Store\TemplateStore;

/**
 * GET/POST templates, PUT/DELETE templates/:id: the approved templates and their policy.
 */
final class TemplatesController extends Controller
{
    private const VMID_MIN = 100;
    private const VMID_MAX = 999999999;

    public function registerRoutes(): void
    {
        $manage = $this->requireAll(Right::MANAGE_TEMPLATES);
        register_rest_route(self::NAMESPACE, '/templates', [
            $this->route('GET', [$this, 'list'], $this->listPermission(), [
                'include_inactive' => ['type' => 'boolean', 'default' => false],
            ]),
            $this->route('POST', [$this, 'import'], $manage, $this->importArgs(), 'template.import'),
            'schema' => [$this, 'get_item_schema'],
        ]);
        register_rest_route(self::NAMESPACE, '/templates/(?P<id>\d+)', [
            $this->route('PUT', [$this, 'update'], $manage, $this->idArgs() + $this->policyArgs(), 'template.update'),
            $this->route('DELETE', [$this, 'retire'], $manage, $this->idArgs(), 'template.retire'),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /**
     * An approved template; the list answers an array of them.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return TemplateResource::schema();
    }

    public function list(\WP_REST_Request $request): \WP_REST_Response
    {
        $rows = TemplateStore::all((bool) $request['include_inactive']);
        return new \WP_REST_Response(array_map([TemplateResource::class, 'fromRow'], $rows), 200);
    }

    public function import(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->respond(static fn (): array => TemplateCatalog::import($request->get_params()), 201);
    }

    public function update(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $id = self::routeId($request);
        return $this->respond(static fn (): array => TemplateCatalog::update($id, $request->get_params()));
    }

    public function retire(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->respond(static fn (): array => TemplateCatalog::retire(self::routeId($request)));
    }

    /** Everyone in the portal sees the active templates; retired ones need manage_templates. */
    private function listPermission(): callable
    {
        $view = $this->requireAll(Right::PORTAL_ACCESS);
        $manage = $this->requireAll(Right::MANAGE_TEMPLATES);
        return static fn (\WP_REST_Request $request): bool|\WP_Error
            => ($request['include_inactive'] ? $manage : $view)();
    }

    /** @param callable(): array<string, int|string> $work returns the template row */
    private function respond(callable $work, int $status = 200): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($work, $status): \WP_REST_Response|\WP_Error {
            try {
                return new \WP_REST_Response(TemplateResource::fromRow($work()), $status);
            } catch (InvalidTemplatePolicy $error) {
                return new \WP_Error('rest_invalid_param', $error->getMessage(), [
                    'status' => 400,
                    'params' => [$error->field => $error->getMessage()],
                ]);
            }
        });
    }

    /** @return array<string, array<string, mixed>> */
    private function idArgs(): array
    {
        return ['id' => $this->idArg()];
    }

    /** @return array<string, array<string, mixed>> */
    private function importArgs(): array
    {
        $vmid = ['type' => 'integer', 'minimum' => self::VMID_MIN, 'maximum' => self::VMID_MAX, 'required' => true];
        return ['proxmoxVmid' => $vmid] + $this->policyArgs();
    }

    /**
     * The policy values of import and edit; none required, so an edit may change just one.
     *
     * @return array<string, array<string, mixed>>
     */
    private function policyArgs(): array
    {
        $args = [
            // At least one visible character: the name is trimmed before it is stored.
            'name' => ['type' => 'string', 'maxLength' => TemplateCatalog::NAME_MAX_LENGTH, 'pattern' => '\S'],
            'description' => ['type' => 'string', 'maxLength' => TemplateCatalog::DESCRIPTION_MAX_LENGTH],
            // Proxmox ostype keys: l26, win11, other …
            'osType' => ['type' => 'string', 'pattern' => '^[a-z0-9]{1,' . TemplateCatalog::OS_TYPE_MAX_LENGTH . '}$'],
            'startAfterCreate' => ['type' => 'boolean'],
            'requireTicketRef' => ['type' => 'boolean'],
            'baselineSnapshot' => ['type' => 'boolean'],
            'allowNeverExpire' => ['type' => 'boolean'],
            // '' = off, else HH:MM in the site's timezone, on these ISO weekdays (1 = Monday).
            'autoStopTime' => ['type' => 'string', 'pattern' => AutoStopSchedule::TIME_PATTERN],
            'autoStopDays' => ['type' => 'array', 'items' => ['type' => 'integer', 'minimum' => 1, 'maximum' => 7], 'maxItems' => 7, 'uniqueItems' => true],
            'cloneMode' => ['type' => 'string', 'enum' => [TemplateBacking::FULL, TemplateBacking::LINKED]],
            // Copies of the template on other nodes: node name => VMID.
            'nodeCopies' => [
                'type' => 'object',
                'maxProperties' => 64,
                'patternProperties' => ['^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$' => ['type' => 'integer', 'minimum' => self::VMID_MIN, 'maximum' => self::VMID_MAX]],
                'additionalProperties' => false,
            ],
        ];
        foreach (TemplateCatalog::RANGES as $field => [$min, $max]) {
            $args[$field] = ['type' => 'integer', 'minimum' => $min, 'maximum' => $max];
        }
        return $args;
    }
}
