<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;

/**
 * A refusal with a contract error code; the REST layer turns it into a WP_Error.
 */
final class ServiceError extends \RuntimeException
{
    /** @param array<string, mixed> $data */
    public function __construct(public readonly ErrorCode $errorCode, string $message, public readonly array $data = [])
    {
        parent::__construct($message);
    }

    public static function fromCode(ErrorCode $code): self
    {
        return new self($code, self::defaultMessage($code));
    }

    private static function defaultMessage(ErrorCode $code): string
    {
        return match ($code) {
            ErrorCode::FORBIDDEN => __('You do not have the portal right this action needs.', 'support-provisioning-portal'),
            ErrorCode::DEPLOYMENT_NOT_FOUND => __('No such deployment.', 'support-provisioning-portal'),
            ErrorCode::DEPLOYMENT_BUSY => __('The deployment is being provisioned or deleted; try again when that has finished.', 'support-provisioning-portal'),
            ErrorCode::DEPLOYMENT_EXPIRED => __('The deployment has expired. Prolong its time to live before using it again.', 'support-provisioning-portal'),
            ErrorCode::DEPLOYMENT_NEVER_EXPIRES => __('The deployment never expires, so it cannot be prolonged.', 'support-provisioning-portal'),
            ErrorCode::DEPLOYMENT_FAILED => __('The deployment failed to provision; it can only be deleted.', 'support-provisioning-portal'),
            ErrorCode::QUOTA_EXCEEDED => __('Not enough RAM left in the RAM quota for this deployment.', 'support-provisioning-portal'),
            ErrorCode::LAST_RIGHTS_MANAGER => __('You are the last user who can manage rights; give that right to someone else first.', 'support-provisioning-portal'),
            ErrorCode::TTL_OUT_OF_RANGE => __('The requested time to live is outside what the template allows.', 'support-provisioning-portal'),
            ErrorCode::USER_NOT_FOUND => __('No user with that login or e-mail address.', 'support-provisioning-portal'),
            ErrorCode::SHARE_TARGET_WITHOUT_ACCESS => __('That user may not open the portal, so the deployment cannot be shared with them.', 'support-provisioning-portal'),
            ErrorCode::TEMPLATE_NOT_FOUND => __('No such approved template.', 'support-provisioning-portal'),
            ErrorCode::TEMPLATE_ALREADY_APPROVED => __('That Proxmox template is already approved.', 'support-provisioning-portal'),
            ErrorCode::PROXMOX_ERROR => __('Proxmox refused the request.', 'support-provisioning-portal'),
            ErrorCode::TOKEN_SECRET_REQUIRED => __('Enter the token secret again to change where it is sent.', 'support-provisioning-portal'),
            ErrorCode::TRY_AGAIN => __('Another request is changing the same data. Please try again.', 'support-provisioning-portal'),
            ErrorCode::VM_NOT_OWNED => __("The VM does not carry this deployment's marker, so the portal leaves it untouched.", 'support-provisioning-portal'),
            ErrorCode::VM_MISSING => __('The VM no longer exists on the cluster.', 'support-provisioning-portal'),
            ErrorCode::VM_OTHER_CONNECTION => __('This deployment was made on another Proxmox connection (or the mock); only its record can be deleted.', 'support-provisioning-portal'),
            ErrorCode::CONNECTION_NOT_AVAILABLE => __('The deployment has no such connection entry, or no such address yet.', 'support-provisioning-portal'),
            ErrorCode::SNAPSHOT_NOT_FOUND => __('The VM has no snapshot of that name.', 'support-provisioning-portal'),
            ErrorCode::SNAPSHOT_LIMIT => __('This deployment already has as many snapshots as allowed; delete one first.', 'support-provisioning-portal'),
            ErrorCode::SNAPSHOT_EXISTS => __('The VM already has a snapshot of that name.', 'support-provisioning-portal'),
            ErrorCode::TRANSFER_TARGET_WITHOUT_ACCESS => __('That user may not open the portal, so deployments cannot be handed to them.', 'support-provisioning-portal'),
            ErrorCode::NO_DRIFT => __('Nothing to repair: the cluster and the portal agree on this (any more).', 'support-provisioning-portal'),
            ErrorCode::TICKET_REF_REQUIRED => __('This template requires a ticket reference: name the case the machine is for.', 'support-provisioning-portal'),
        };
    }
}
