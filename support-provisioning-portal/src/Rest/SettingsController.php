<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\PlacementPolicy;
use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\AuditTrail;
use SupportProvisioningPortal\Service\SettingsService;
use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * GET|PUT settings and POST settings/test-connection (CONTRACT §6), all guarded by manage_settings.
 */
final class SettingsController extends Controller
{
    public function registerRoutes(): void
    {
        $manage = $this->requireAll(Right::MANAGE_SETTINGS);
        register_rest_route(self::NAMESPACE, '/settings', [
            $this->route('GET', [$this, 'show'], $manage),
            $this->route('PUT, PATCH', [$this, 'update'], $manage, $this->settingsArgs(), 'settings.update'),
            'schema' => [$this, 'get_item_schema'],
        ]);
        register_rest_route(self::NAMESPACE, '/settings/test-connection', [
            $this->route('POST', [$this, 'testConnection'], $manage, $this->settingsArgs(), 'settings.test_connection'),
            'schema' => [$this, 'testConnectionSchema'],
        ]);
    }

    /**
     * The settings as stored, never the token secret: only whether one is set, and where from.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        $properties = [];
        foreach (SettingsService::view() as $field => $value) {
            $properties[$field] = match (true) {
                $field === 'mode' => Schema::enum([SettingsStore::MODE_MOCK, SettingsStore::MODE_HTTP]),
                $field === 'placementPolicy' => Schema::enum(PlacementPolicy::ALL),
                is_bool($value) => Schema::boolean(),
                is_int($value) => Schema::integer(),
                default => Schema::string(),
            };
        }
        return Schema::resource('settings', $properties);
    }

    /**
     * POST settings/test-connection: each check and whether all passed.
     *
     * @return array<string, mixed>
     */
    public function testConnectionSchema(): array
    {
        return Schema::resource('connection-test', [
            'ok' => Schema::boolean(),
            'checks' => Schema::listOf(Schema::object(['name' => Schema::string(), 'ok' => Schema::boolean(), 'message' => Schema::string()])),
        ]);
    }

    public function show(): \WP_REST_Response
    {
        return new \WP_REST_Response(SettingsService::view(), 200);
    }

    public function update(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $input = $this->input($request);
        AuditTrail::addDetails(['target' => SettingsService::target($input)]);
        $result = SettingsService::update($input);
        if ($result instanceof \WP_Error) {
            return $result;
        }
        AuditTrail::addDetails($result);
        return new \WP_REST_Response(SettingsService::view(), 200);
    }

    public function testConnection(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $input = $this->input($request);
        // Field names and the host only: the posted values may include the token secret.
        AuditTrail::addDetails(['postedFields' => array_keys($input), 'target' => SettingsService::target($input)]);
        $result = SettingsService::testConnection($input);
        if ($result instanceof \WP_Error) {
            return $result;
        }
        AuditTrail::addDetails(['ok' => $result['ok']]);
        return new \WP_REST_Response($result, 200);
    }

    /**
     * The fields the request carries; absent ones stay as saved.
     *
     * @return array<string, mixed>
     */
    private function input(\WP_REST_Request $request): array
    {
        $input = [];
        foreach (array_keys($this->settingsArgs()) as $field) {
            if ($request->has_param($field)) {
                $input[$field] = $request->get_param($field);
            }
        }
        return $input;
    }

    /**
     * Types and ranges; SettingsService checks the formats and the rules spanning fields.
     *
     * @return array<string, array<string, mixed>>
     */
    private function settingsArgs(): array
    {
        $ramLimit = [
            'type' => 'integer',
            'minimum' => 0,
            'maximum' => QuotaPolicy::MAX_LIMIT,
            'description' => __('RAM limit in MB; 0 means unlimited.', 'support-provisioning-portal'),
        ];
        return [
            'mode' => ['type' => 'string', 'enum' => [SettingsStore::MODE_MOCK, SettingsStore::MODE_HTTP]],
            'baseUrl' => ['type' => 'string', 'maxLength' => 2048],
            'tokenId' => ['type' => 'string', 'maxLength' => 255],
            'tokenSecret' => [
                'type' => 'string',
                'maxLength' => 255,
                'description' => __('Write-only; empty keeps the stored secret.', 'support-provisioning-portal'),
            ],
            'node' => ['type' => 'string', 'maxLength' => 63],
            'caCertificate' => ['type' => 'string', 'maxLength' => 65536],
            'defaultUserRamLimitMb' => $ramLimit,
            'globalRamLimitMb' => $ramLimit,
            'defaultUserVmLimit' => [
                'description' => __('Deployments holding a VM a user may have; 0 means unlimited.', 'support-provisioning-portal'),
            ] + $ramLimit,
            'snapshotLimit' => [
                'type' => 'integer',
                'minimum' => 0,
                'maximum' => SettingsService::MAX_SNAPSHOT_LIMIT,
                'description' => __('User snapshots a deployment may have beside its baseline; 0 means none.', 'support-provisioning-portal'),
            ],
            'deleteDataOnUninstall' => ['type' => 'boolean'],
            'placementPolicy' => ['type' => 'string', 'enum' => PlacementPolicy::ALL],
            'placementNode' => ['type' => 'string', 'maxLength' => 63],
            'placementNodes' => ['type' => 'string', 'maxLength' => 2048],
            'nodeReserveMb' => ['type' => 'integer', 'minimum' => 0, 'maximum' => QuotaPolicy::MAX_LIMIT],
            'nodeReserves' => ['type' => 'string', 'maxLength' => 2048],
        ];
    }
}
