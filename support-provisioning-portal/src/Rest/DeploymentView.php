<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Mail\ExpiryWarnings;
use SupportProvisioningPortal\Service\Connections;
use SupportProvisioningPortal\Service\DeploymentAccess;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Wiring;

/**
 * What shaping deployments for one viewer needs besides the rows: the viewer's rights, the
 * connection the portal uses now, the expiry banner's horizon and the policy's answers. Worked out
 * once per answer instead of once per row (a list shapes up to 100 rows), and kept no longer than
 * that answer: each answer builds its own (docs/decisions/read-performance.md).
 */
final class DeploymentView
{
    public readonly bool $managesAll;

    /** The current connection's identity, null while it has not been learnt (Connections::known()). */
    private readonly ?string $connection;

    /** The expiry banner's horizon as a DATETIME, worked out on first use. */
    private ?string $soonBefore = null;

    /** @var array<string, array{0: list<string>, 1: bool}> allowed actions and editable case fields by policy */
    private array $byPolicy = [];

    /** @param list<Right> $rights the viewer's effective rights */
    public function __construct(public readonly int $viewerId, public readonly array $rights)
    {
        $this->managesAll = in_array(Right::MANAGE_ALL, $rights, true);
        $this->connection = Wiring::clients()->known();
    }

    /** Whether the deployment's VM was made on a connection other than the current one. */
    public function isOther(DeploymentRecord $d): bool
    {
        return Connections::differs($d->connection, $this->connection);
    }

    public function expiresSoon(DeploymentRecord $d): bool
    {
        return ExpiryWarnings::canBeSoon($d) && $d->expiresAt <= ($this->soonBefore ??= ExpiryWarnings::soonBefore());
    }

    /**
     * The actions worth offering and whether the case fields are editable (the share rule), from
     * the viewer's policy for the deployment: rows alike in everything the policy depends on share
     * its answers.
     *
     * @return array{0: list<string>, 1: bool}
     */
    public function actions(DeploymentRecord $d): array
    {
        $relation = DeploymentAccess::relationOf($this->viewerId, $d);
        $other = $this->isOther($d);
        $key = $relation->value . '|' . $d->status->value . '|' . (int) $d->neverExpire . (int) $other . (int) $d->hasPendingStep();
        if (!isset($this->byPolicy[$key])) {
            $policy = DeploymentAccess::policyIn($this->viewerId, $d, $this->rights, $this->connection);
            $this->byPolicy[$key] = [$policy->allowedActions(), $policy->refusal(Action::SHARE) === null];
        }
        return $this->byPolicy[$key];
    }
}
