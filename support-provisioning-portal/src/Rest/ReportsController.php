<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\UsagePeriod;
use SupportProvisioningPortal\Service\UsageReport;
use SupportProvisioningPortal\Support\Time;

/**
 * `GET reports/usage` (manage_all or manage_settings, as the audit log it could be read from):
 * RAM-hours and VM-hours over a period (docs/decisions/usage-report.md).
 */
final class ReportsController extends Controller
{
    public function registerRoutes(): void
    {
        register_rest_route(self::NAMESPACE, '/reports/usage', $this->single($this->route(
            \WP_REST_Server::READABLE,
            [$this, 'usage'],
            $this->requireAny(Right::MANAGE_ALL, Right::MANAGE_SETTINGS),
            [
                'from' => ['type' => 'string', 'format' => 'date-time', 'required' => true],
                'to' => ['type' => 'string', 'format' => 'date-time', 'required' => true],
                'groupBy' => ['type' => 'string', 'enum' => UsageReport::GROUPS, 'default' => 'user'],
            ]
        )));
    }

    /** @return array<string, mixed> */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        $row = Schema::object([
            'key' => Schema::string(),
            'label' => Schema::string(),
            'ramGbHours' => ['type' => 'number'],
            'vmHours' => ['type' => 'number'],
            'deployments' => Schema::nullable(Schema::integer()),
        ]);
        $point = Schema::object([
            'start' => Schema::dateTime(),
            'ramGbHours' => ['type' => 'number'],
            'vmHours' => ['type' => 'number'],
            'averageRamMb' => Schema::nullable(Schema::integer()),
        ]);
        return Schema::resource('usage-report', [
            'from' => Schema::dateTime(),
            'to' => Schema::dateTime(),
            'groupBy' => Schema::enum(UsageReport::GROUPS),
            'bucketSeconds' => Schema::integer(),
            'totals' => Schema::object(['ramGbHours' => ['type' => 'number'], 'vmHours' => ['type' => 'number']]),
            'rows' => Schema::listOf($row),
            'series' => Schema::listOf($point),
            'globalLimitMb' => Schema::nullable(Schema::integer()),
            'currentRamMb' => Schema::integer(),
        ]);
    }

    public function usage(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        try {
            $period = UsagePeriod::of(
                new \DateTimeImmutable((string) $request['from']),
                new \DateTimeImmutable((string) $request['to']),
                Time::now()
            );
        } catch (InvalidInput $error) {
            return new \WP_Error('rest_invalid_param', $error->getMessage(), ['status' => 400, 'params' => [$error->field => $error->getMessage()]]);
        }
        $report = UsageReport::build($period, (string) $request['groupBy'], get_current_user_id());
        $iso = static fn (\DateTimeImmutable $time): string => $time->format('Y-m-d\TH:i:s\Z');
        return rest_ensure_response(['from' => $iso($period->from()), 'to' => $iso($period->to())] + $report);
    }
}
