<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\ErrorCode;

final class ErrorCodeTest extends TestCase
{
    /**
     * @dataProvider codes
     */
    public function testCodeAndHttpStatus(ErrorCode $code, string $value, int $httpStatus): void
    {
        self::assertSame($value, $code->value);
        self::assertSame($httpStatus, $code->httpStatus());
    }

    /**
     * @return array<string, array{ErrorCode, string, int}>
     */
    public static function codes(): array
    {
        return [
            'forbidden' => [ErrorCode::FORBIDDEN, 'rest_forbidden', 403],
            'not found' => [ErrorCode::DEPLOYMENT_NOT_FOUND, 'spp_deployment_not_found', 404],
            'busy' => [ErrorCode::DEPLOYMENT_BUSY, 'spp_deployment_busy', 409],
            'expired' => [ErrorCode::DEPLOYMENT_EXPIRED, 'spp_deployment_expired', 409],
            'never expires' => [ErrorCode::DEPLOYMENT_NEVER_EXPIRES, 'spp_deployment_never_expires', 409],
            'failed' => [ErrorCode::DEPLOYMENT_FAILED, 'spp_deployment_failed', 409],
            'quota' => [ErrorCode::QUOTA_EXCEEDED, 'spp_quota_exceeded', 409],
            'last rights manager' => [ErrorCode::LAST_RIGHTS_MANAGER, 'spp_last_rights_manager', 409],
            'ttl' => [ErrorCode::TTL_OUT_OF_RANGE, 'spp_ttl_out_of_range', 400],
            'user not found' => [ErrorCode::USER_NOT_FOUND, 'spp_user_not_found', 404],
            'share target' => [ErrorCode::SHARE_TARGET_WITHOUT_ACCESS, 'spp_share_target_without_access', 422],
            'template not found' => [ErrorCode::TEMPLATE_NOT_FOUND, 'spp_template_not_found', 404],
            'template approved' => [ErrorCode::TEMPLATE_ALREADY_APPROVED, 'spp_template_already_approved', 409],
            'proxmox' => [ErrorCode::PROXMOX_ERROR, 'spp_proxmox_error', 502],
            'token secret required' => [ErrorCode::TOKEN_SECRET_REQUIRED, 'spp_token_secret_required', 422],
            'try again' => [ErrorCode::TRY_AGAIN, 'spp_try_again', 503],
            'vm not owned' => [ErrorCode::VM_NOT_OWNED, 'spp_vm_not_owned', 409],
            'vm missing' => [ErrorCode::VM_MISSING, 'spp_vm_missing', 409],
            'vm on another connection' => [ErrorCode::VM_OTHER_CONNECTION, 'spp_vm_other_connection', 409],
            'ticket required' => [ErrorCode::TICKET_REF_REQUIRED, 'spp_ticket_ref_required', 422],
            'connection' => [ErrorCode::CONNECTION_NOT_AVAILABLE, 'spp_connection_not_available', 404],
            'snapshot not found' => [ErrorCode::SNAPSHOT_NOT_FOUND, 'spp_snapshot_not_found', 404],
            'snapshot limit' => [ErrorCode::SNAPSHOT_LIMIT, 'spp_snapshot_limit', 409],
            'snapshot exists' => [ErrorCode::SNAPSHOT_EXISTS, 'spp_snapshot_exists', 409],
            'transfer target' => [ErrorCode::TRANSFER_TARGET_WITHOUT_ACCESS, 'spp_transfer_target_without_access', 422],
            'lifetime cap' => [ErrorCode::LIFETIME_CAP, 'spp_lifetime_cap', 409],
            'no node capacity' => [ErrorCode::NO_NODE_CAPACITY, 'spp_no_node_capacity', 409],
            'no drift' => [ErrorCode::NO_DRIFT, 'spp_no_drift', 409],
        ];
    }

    public function testEveryCodeIsCovered(): void
    {
        self::assertCount(count(ErrorCode::cases()), self::codes());
    }
}
