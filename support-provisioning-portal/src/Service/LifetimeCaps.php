<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\LifetimeCap;
use SupportProvisioningPortal\Domain\Right;

/**
 * Applies a template's lifetime caps to a create or prolong: refused with 409 spp_lifetime_cap,
 * naming the cap, unless the caller holds manage_all; their exceeding it is written into the
 * request's audit row.
 */
final class LifetimeCaps
{
    public function __construct(private readonly RightsLookup $rights, private readonly AuditContexts $audit)
    {
    }

    /** @param array{cap: string, limitHours?: int, requestedHours?: int}|null $violation from LifetimeCap::violation() */
    public function enforce(int $actorId, ?array $violation): void
    {
        if ($violation === null) {
            return;
        }
        if (in_array(Right::MANAGE_ALL, $this->rights->effective($actorId), true)) {
            $this->audit->current()->addDetails(['capExceeded' => $violation]);
            return;
        }
        $message = $violation['cap'] === LifetimeCap::NEVER_EXPIRE
            ? __('This template does not allow deployments that never expire: choose a lifetime.', 'support-provisioning-portal')
            : sprintf(
                /* translators: 1: the template's maximum lifetime in hours, 2: the lifetime requested in hours */
                __('This template caps a deployment’s lifetime at %1$d hours from its creation, prolongs included; this would make it %2$d hours.', 'support-provisioning-portal'),
                $violation['limitHours'] ?? 0,
                $violation['requestedHours'] ?? 0
            );
        throw new ServiceError(ErrorCode::LIFETIME_CAP, $message, $violation);
    }
}
