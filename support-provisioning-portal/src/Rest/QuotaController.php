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
        register_rest_route(self::NAMESPACE, '/quota', $this->single($this->route('GET', [$this, 'get'], $this->requireAll(Right::PORTAL_ACCESS))));
    }

    /**
     * The caller's and the global RAM contingent and the caller's VM limit; null limits are unlimited.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        $limit = Schema::nullable(Schema::integer());
        $ram = Schema::object(['limitMb' => $limit, 'usedMb' => Schema::integer(), 'availableMb' => $limit]);
        return Schema::resource('quota', [
            'user' => $ram,
            'global' => $ram,
            'vms' => Schema::object(['limit' => $limit, 'used' => Schema::integer(), 'available' => $limit]),
        ]);
    }

    public function get(): \WP_REST_Response
    {
        return rest_ensure_response(Quota::usage(get_current_user_id()));
    }
}
