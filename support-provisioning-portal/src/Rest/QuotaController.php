<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\Quota;

/**
 * GET quota: the caller's and the global RAM contingent.
 */
final class QuotaController extends Controller
{
    public function registerRoutes(): void
    {
        register_rest_route(self::NAMESPACE, '/quota', $this->route('GET', [$this, 'get'], $this->requireAll(Right::PORTAL_ACCESS)));
    }

    public function get(): \WP_REST_Response
    {
        return rest_ensure_response(Quota::usage(get_current_user_id()));
    }
}
