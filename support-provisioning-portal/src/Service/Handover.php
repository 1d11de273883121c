<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\OwnershipStore;

/**
 * Hands deployments to another owner: by their owner or a manage_all holder, to a user with portal
 * access, within the receiver's contingents (docs/decisions/hand-over.md).
 */
final class Handover
{
    public const AUDIT_ACTION = 'deployment.transfer';
    public const NOTICE_ACTION = 'notice.transfer';

    /**
     * @throws ServiceError 404 invisible or unknown receiver, 403 neither owner nor manager, 409 busy or
     *     over the receiver's quota, 422 receiver without portal access
     */
    public static function transfer(int $actorId, int $id, string $receiver): DeploymentRecord
    {
        // Whoever may manage a deployment's shares may hand it over: its owner and manage_all holders.
        $d = DeploymentAccess::authorize($actorId, $id, Action::SHARE);
        $to = Sharing::findUser($receiver);
        AuditTrail::describe('deployment', $id, $id, self::details($d->ownerId, $d->ownerLogin, $to));
        if ($d->status === Status::DELETING) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        }
        if (!UserRights::has($to->ID, Right::PORTAL_ACCESS)) {
            throw ServiceError::fromCode(ErrorCode::TRANSFER_TARGET_WITHOUT_ACCESS);
        }
        if ($to->ID !== $d->ownerId) {
            $moved = Quota::receive(
                $to->ID,
                static fn (): array => OwnershipStore::holding($id) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND),
                static fn (): bool => OwnershipStore::move($id, $d->ownerId, $to->ID)
            );
            if ($moved instanceof QuotaViolation) {
                throw Deployments::quotaError($moved);
            }
            if (!$moved) {
                throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
            }
            self::notify($id, $to, $d->ownerLogin);
        }
        return DeploymentStore::find($id, $actorId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }

    /**
     * A user leaves the site: every deployment they own goes to $to without a quota check (the
     * deployments must not point at nobody), one audit row each keeping the former owner's login.
     *
     * @return int how many deployments moved
     */
    public static function reassignAll(\WP_User $from, \WP_User $to, string $reason): int
    {
        $moved = 0;
        foreach (OwnershipStore::ownedBy($from->ID) as $owned) {
            if (!OwnershipStore::move($owned['id'], $from->ID, $to->ID, true)) {
                continue;
            }
            $moved++;
            AuditTrail::recordForCurrentUser(self::AUDIT_ACTION, 'deployment', $owned['id'], $owned['id'], AuditTrail::SUCCESS, [
                'reason' => $reason,
                'status' => $owned['status'],
            ] + self::details($from->ID, $from->user_login, $to));
            self::notify($owned['id'], $to, $from->user_login);
        }
        return $moved;
    }

    /** @return array{fromId: int, fromLogin: string, toId: int, toLogin: string} */
    private static function details(int $fromId, string $fromLogin, \WP_User $to): array
    {
        return ['fromId' => $fromId, 'fromLogin' => $fromLogin, 'toId' => $to->ID, 'toLogin' => $to->user_login];
    }

    /**
     * Tells the receiver. Until the portal sends mail (issue #15), the notice is an audit row the
     * receiver's managers can see; mail will read the same rows' facts.
     */
    private static function notify(int $id, \WP_User $to, string $fromLogin): void
    {
        AuditTrail::recordForCurrentUser(self::NOTICE_ACTION, 'user', $to->ID, $id, AuditTrail::SUCCESS, [
            'channel' => 'audit',
            'toLogin' => $to->user_login,
            'fromLogin' => $fromLogin,
        ]);
    }
}
