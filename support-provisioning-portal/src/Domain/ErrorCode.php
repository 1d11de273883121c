<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Error codes of the domain rules, as the REST API answers them (CONTRACT §2–§5), and
 * `spp_try_again` for a request that waited too long for a lock another request held.
 */
enum ErrorCode: string
{
    case FORBIDDEN = 'rest_forbidden';
    case DEPLOYMENT_NOT_FOUND = 'spp_deployment_not_found';
    case DEPLOYMENT_BUSY = 'spp_deployment_busy';
    case DEPLOYMENT_EXPIRED = 'spp_deployment_expired';
    case DEPLOYMENT_NEVER_EXPIRES = 'spp_deployment_never_expires';
    case DEPLOYMENT_FAILED = 'spp_deployment_failed';
    case QUOTA_EXCEEDED = 'spp_quota_exceeded';
    case LAST_RIGHTS_MANAGER = 'spp_last_rights_manager';
    case TTL_OUT_OF_RANGE = 'spp_ttl_out_of_range';
    case USER_NOT_FOUND = 'spp_user_not_found';
    case SHARE_TARGET_WITHOUT_ACCESS = 'spp_share_target_without_access';
    case TEMPLATE_NOT_FOUND = 'spp_template_not_found';
    case TEMPLATE_ALREADY_APPROVED = 'spp_template_already_approved';
    case PROXMOX_ERROR = 'spp_proxmox_error';
    /** Settings that send the token secret somewhere new must bring the secret (docs/decisions/settings.md). */
    case TOKEN_SECRET_REQUIRED = 'spp_token_secret_required';
    case TRY_AGAIN = 'spp_try_again';
    case VM_NOT_OWNED = 'spp_vm_not_owned';
    case VM_MISSING = 'spp_vm_missing';
    case VM_OTHER_CONNECTION = 'spp_vm_other_connection';
    case TICKET_REF_REQUIRED = 'spp_ticket_ref_required';
    case CONNECTION_NOT_AVAILABLE = 'spp_connection_not_available';
    case SNAPSHOT_NOT_FOUND = 'spp_snapshot_not_found';
    case SNAPSHOT_LIMIT = 'spp_snapshot_limit';
    case SNAPSHOT_EXISTS = 'spp_snapshot_exists';
    case TRANSFER_TARGET_WITHOUT_ACCESS = 'spp_transfer_target_without_access';
    case LIFETIME_CAP = 'spp_lifetime_cap';
    case NO_NODE_CAPACITY = 'spp_no_node_capacity';
    /** A drift action on something the cluster and the portal agree on (docs/decisions/drift.md). */
    case NO_DRIFT = 'spp_no_drift';

    public function httpStatus(): int
    {
        return match ($this) {
            self::TTL_OUT_OF_RANGE => 400,
            self::FORBIDDEN => 403,
            self::DEPLOYMENT_NOT_FOUND,
            self::USER_NOT_FOUND,
            self::TEMPLATE_NOT_FOUND,
            self::CONNECTION_NOT_AVAILABLE,
            self::SNAPSHOT_NOT_FOUND => 404,
            self::SHARE_TARGET_WITHOUT_ACCESS,
            self::TRANSFER_TARGET_WITHOUT_ACCESS,
            self::TOKEN_SECRET_REQUIRED,
            self::TICKET_REF_REQUIRED => 422,
            self::PROXMOX_ERROR => 502,
            self::TRY_AGAIN => 503,
            self::DEPLOYMENT_BUSY,
            self::DEPLOYMENT_EXPIRED,
            self::DEPLOYMENT_NEVER_EXPIRES,
            self::DEPLOYMENT_FAILED,
            self::QUOTA_EXCEEDED,
            self::NO_NODE_CAPACITY,
            self::NO_DRIFT,
            self::TEMPLATE_ALREADY_APPROVED,
            self::LAST_RIGHTS_MANAGER,
            self::VM_NOT_OWNED,
            self::VM_MISSING,
            self::VM_OTHER_CONNECTION,
            self::SNAPSHOT_LIMIT,
            self::SNAPSHOT_EXISTS,
            self::LIFETIME_CAP => 409,
        };
    }
}
