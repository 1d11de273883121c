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
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Wiring;

/**
 * Who may do what to which deployment (CONTRACT §3), for the current state of the deployment.
 * The plugin builds one with its collaborators (Wiring::access()).
 */
final class DeploymentAccess
{
    public function __construct(
        private readonly DeploymentTable $rows,
        private readonly RightsLookup $rights,
        private readonly Freshness $freshness,
        private readonly VmReconciler $reconciler,
        private readonly ClientResolver $clients,
    ) {
    }

    /** @param list<Right>|null $rights the user's effective rights, when already known (the route's permission check) */
    public static function authorize(int $userId, int $id, Action $action, ?array $rights = null): DeploymentRecord
    {
        return Wiring::access()->check($userId, $id, $action, $rights);
    }

    /** @param list<Right>|null $rights the user's effective rights, when already known (a list of many deployments) */
    public function policyFor(int $userId, DeploymentRecord $deployment, ?array $rights = null): DeploymentPolicy
    {
        return self::policyIn($userId, $deployment, $rights ?? $this->rights->effective($userId), $this->clients->known());
    }

    /**
     * The policy for a user whose rights, and the portal's current connection, are known already
     * (null: not learnt yet): what policyFor() builds, for the shaping of many deployments.
     *
     * @param list<Right> $rights
     */
    public static function policyIn(int $userId, DeploymentRecord $deployment, array $rights, ?string $connection): DeploymentPolicy
    {
        return new DeploymentPolicy(
            self::relationOf($userId, $deployment),
            $rights,
            $deployment->status,
            $deployment->neverExpire,
            Connections::differs($deployment->connection, $connection),
            $deployment->hasPendingStep()
        );
    }

    /**
     * Loads the deployment for an action, after bringing it up to date (expiry, pending steps).
     * Throws the contract's refusal: 404 for what the user may not see, 403, or 409 by status.
     */
    /** @param list<Right>|null $rights the user's effective rights, when already known */
    public function check(int $userId, int $id, Action $action, ?array $rights = null): DeploymentRecord
    {
        $deployment = $this->freshness->refresh($this->load($userId, $id, $rights), $userId);
        if ($action === Action::VIEW) {
            $deployment = $this->reconciler->onRead($deployment, $userId);
        }
        $refusal = $this->policyFor($userId, $deployment, $rights)->refusal($action);
        if ($refusal !== null) {
            throw ServiceError::fromCode($refusal);
        }
        return $deployment;
    }

    /** @param list<Right>|null $rights */
    private function load(int $userId, int $id, ?array $rights): DeploymentRecord
    {
        $deployment = $this->rows->find($id, $userId);
        $visible = $deployment !== null
            && (self::relationOf($userId, $deployment) !== Relation::NONE
                || in_array(Right::MANAGE_ALL, $rights ?? $this->rights->effective($userId), true));
        if (!$visible) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
        }
        return $deployment;
    }

    public static function relationOf(int $userId, DeploymentRecord $deployment): Relation
    {
        if ($deployment->ownerId === $userId) {
            return Relation::OWNER;
        }
        return $deployment->sharedWithViewer ? Relation::SHARED : Relation::NONE;
    }
}
