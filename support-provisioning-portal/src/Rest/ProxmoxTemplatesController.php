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
