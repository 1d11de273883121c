<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\DeploymentPolicy;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Relation;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * Who may do what to which deployment (CONTRACT §3), for the current state of the deployment.
 */
final class DeploymentAccess
{
    /** @param list<Right>|null $rights the user's effective rights, when already known (a list of many deployments) */
    public static function policy(int $userId, DeploymentRecord $deployment, ?array $rights = null): DeploymentPolicy
    {
        return new DeploymentPolicy(
            self::relation($userId, $deployment),
            $rights ?? UserRights::effective($userId),
            $deployment->status,
            $deployment->neverExpire,
            Connections::isOther($deployment->connection),
            $deployment->hasPendingStep()
        );
    }

    /**
     * Loads the deployment for an action, after bringing it up to date (expiry, pending steps).
     * Throws the contract's refusal: 404 for what the user may not see, 403, or 409 by status.
     */
    public static function authorize(int $userId, int $id, Action $action): DeploymentRecord
    {
        $deployment = Freshness::refresh(self::load($userId, $id), $userId);
        if ($action === Action::VIEW) {
            $deployment = VmReconciler::onRead($deployment, $userId);
        }
        $refusal = self::policy($userId, $deployment)->refusal($action);
        if ($refusal !== null) {
            throw ServiceError::fromCode($refusal);
        }
        return $deployment;
    }

    public static function seesAll(int $userId): bool
    {
        return UserRights::has($userId, Right::MANAGE_ALL);
    }

    private static function load(int $userId, int $id): DeploymentRecord
    {
        $deployment = DeploymentStore::find($id, $userId);
        $visible = $deployment !== null
            && (self::relation($userId, $deployment) !== Relation::NONE || self::seesAll($userId));
        if (!$visible) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
        }
        return $deployment;
    }

    private static function relation(int $userId, DeploymentRecord $deployment): Relation
    {
        if ($deployment->ownerId === $userId) {
            return Relation::OWNER;
        }
        return $deployment->sharedWithViewer ? Relation::SHARED : Relation::NONE;
    }
}
