<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Store\ShareStore;

/**
 * Explicit per-deployment sharing (CONTRACT §3): managed by the owner or a manage_all holder.
 */
final class Sharing
{
    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public static function list(int $userId, int $deploymentId): array
    {
        DeploymentAccess::authorize($userId, $deploymentId, Action::SHARE);
        return ShareStore::forDeployment($deploymentId);
    }

    /**
     * Shares with the user named by login or e-mail. Naming the owner, or a user it is already
     * shared with, is a no-op answered with the unchanged list (CONTRACT §3); its audit row says
     * nothing was added and why (`unchanged`: `owner` or `already_shared`), so it claims no change.
     *
     * @return list<array{userId: int, login: string, displayName: string, createdAt: string}>
     */
    public static function add(int $userId, int $deploymentId, string $loginOrEmail): array
    {
        $deployment = DeploymentAccess::authorize($userId, $deploymentId, Action::SHARE);
        $target = self::findUser($loginOrEmail);
        AuditTrail::describe('share', $target->ID, $deploymentId, ['userId' => $target->ID, 'login' => $target->user_login]);
        if ($target->ID === $deployment->ownerId) {
            AuditTrail::addDetails(['added' => false, 'unchanged' => 'owner']);
            return ShareStore::forDeployment($deploymentId);
        }
        if (!UserRights::has($target->ID, Right::PORTAL_ACCESS)) {
            throw ServiceError::fromCode(ErrorCode::SHARE_TARGET_WITHOUT_ACCESS);
        }
        $added = ShareStore::add($deploymentId, $target->ID, $userId);
        AuditTrail::addDetails($added ? ['added' => true] : ['added' => false, 'unchanged' => 'already_shared']);
        return ShareStore::forDeployment($deploymentId);
    }

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public static function remove(int $userId, int $deploymentId, int $targetUserId): array
    {
        DeploymentAccess::authorize($userId, $deploymentId, Action::SHARE);
        AuditTrail::describe('share', $targetUserId, $deploymentId, [
            'userId' => $targetUserId,
            'removed' => ShareStore::remove($deploymentId, $targetUserId),
        ]);
        return ShareStore::forDeployment($deploymentId);
    }

    /** A member of this site named by login or e-mail, for a share or a hand-over. */
    public static function findUser(string $loginOrEmail): \WP_User
    {
        $needle = trim($loginOrEmail);
        $user = get_user_by('login', $needle) ?: (is_email($needle) ? get_user_by('email', $needle) : false);
        if (!$user instanceof \WP_User || (is_multisite() && !is_user_member_of_blog($user->ID))) {
            throw ServiceError::fromCode(ErrorCode::USER_NOT_FOUND);
        }
        return $user;
    }
}
