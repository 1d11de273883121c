<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Store\ShareRows;
use SupportProvisioningPortal\Wiring;

/**
 * Explicit per-deployment sharing (CONTRACT §3): managed by the owner or a manage_all holder.
 * The plugin builds one with its collaborators (Wiring::sharing()).
 */
final class Sharing
{
    public function __construct(
        private readonly DeploymentAccess $access,
        private readonly ShareRows $shares,
        private readonly Members $members,
        private readonly RightsLookup $rights,
        private readonly AuditContexts $audit,
    ) {
    }

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public static function list(int $userId, int $deploymentId): array
    {
        return Wiring::sharing()->listFor($userId, $deploymentId);
    }

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public static function add(int $userId, int $deploymentId, string $loginOrEmail): array
    {
        return Wiring::sharing()->addFor($userId, $deploymentId, $loginOrEmail);
    }

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public static function remove(int $userId, int $deploymentId, int $targetUserId): array
    {
        return Wiring::sharing()->removeFor($userId, $deploymentId, $targetUserId);
    }

    /** A member of this site named by login or e-mail, for a share or a hand-over. */
    public static function findUser(string $loginOrEmail): \WP_User
    {
        return SiteMembers::user($loginOrEmail) ?? throw ServiceError::fromCode(ErrorCode::USER_NOT_FOUND);
    }

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public function listFor(int $userId, int $deploymentId): array
    {
        $this->access->check($userId, $deploymentId, Action::SHARE);
        return $this->shares->forDeployment($deploymentId);
    }

    /**
     * Shares with the user named by login or e-mail. Naming the owner, or a user it is already
     * shared with, is a no-op answered with the unchanged list (CONTRACT §3); its audit row says
     * nothing was added and why (`unchanged`: `owner` or `already_shared`), so it claims no change.
     *
     * @return list<array{userId: int, login: string, displayName: string, createdAt: string}>
     */
    public function addFor(int $userId, int $deploymentId, string $loginOrEmail): array
    {
        $deployment = $this->access->check($userId, $deploymentId, Action::SHARE);
        $target = $this->members->named($loginOrEmail) ?? throw ServiceError::fromCode(ErrorCode::USER_NOT_FOUND);
        $context = $this->audit->current();
        $context->describe('share', $target['id'], $deploymentId, ['userId' => $target['id'], 'login' => $target['login']]);
        if ($target['id'] === $deployment->ownerId) {
            $context->addDetails(['added' => false, 'unchanged' => 'owner']);
            return $this->shares->forDeployment($deploymentId);
        }
        if (!in_array(Right::PORTAL_ACCESS, $this->rights->effective($target['id']), true)) {
            throw ServiceError::fromCode(ErrorCode::SHARE_TARGET_WITHOUT_ACCESS);
        }
        $added = $this->shares->add($deploymentId, $target['id'], $userId);
        $context->addDetails($added ? ['added' => true] : ['added' => false, 'unchanged' => 'already_shared']);
        return $this->shares->forDeployment($deploymentId);
    }

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> */
    public function removeFor(int $userId, int $deploymentId, int $targetUserId): array
    {
        $this->access->check($userId, $deploymentId, Action::SHARE);
        $this->audit->current()->describe('share', $targetUserId, $deploymentId, [
            'userId' => $targetUserId,
            'removed' => $this->shares->remove($deploymentId, $targetUserId),
        ]);
        return $this->shares->forDeployment($deploymentId);
    }
}
