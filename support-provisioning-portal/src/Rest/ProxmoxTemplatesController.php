<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\ServiceError;
use SupportProvisioningPortal\Service\TemplateCatalog;

/**
 * GET proxmox/templates: the configured node's QEMU templates, for import.
 */
final class ProxmoxTemplatesController extends Controller
{
    public function registerRoutes(): void
    {
        register_rest_route(self::NAMESPACE, '/proxmox/templates', [
            $this->route('GET', [$this, 'list'], $this->requireAll(Right::MANAGE_TEMPLATES)),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /**
     * A QEMU template on the node and whether it is approved; the route answers an array of them.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('proxmox-template', [
            'vmid' => Schema::integer(),
            'name' => Schema::string(),
            'osType' => Schema::string(),
            'cpuCores' => Schema::integer(),
            'memoryMb' => Schema::integer(),
            'diskGb' => Schema::integer(),
            'node' => Schema::string(),
            'sharedStorage' => Schema::boolean(),
            'linkedClone' => Schema::boolean(),
            'approved' => Schema::boolean(),
            'approvedTemplateId' => Schema::nullable(Schema::integer()),
        ]);
    }

    public function list(): \WP_REST_Response|\WP_Error
    {
        try {
            return new \WP_REST_Response(TemplateCatalog::proxmoxTemplates(), 200);
        } catch (ServiceError $error) {
            return self::error($error->errorCode, $error->getMessage(), $error->data);
        }
    }
}
