<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * The audit contexts of what is being handled: each REST request opens its own before its
 * callbacks and closes it after them (AuditTrail), each bulk item one inside its request's. The
 * plugin holds one (Wiring::auditContexts()); a closed context gives back the one it interrupted.
 */
final class AuditContexts
{
    private AuditContext $current;
    /** @var list<AuditContext> the contexts the current one interrupted, innermost last */
    private array $outer = [];

    public function __construct()
    {
        $this->current = new AuditContext();
    }

    /** The context handlers describe into now (one outside any request, for WP-CLI and tests). */
    public function current(): AuditContext
    {
        return $this->current;
    }

    public function open(): AuditContext
    {
        $this->outer[] = $this->current;
        return $this->current = new AuditContext();
    }

    /** Ends the current context and returns it; the one it interrupted is current again. */
    public function close(): AuditContext
    {
        $closed = $this->current;
        $this->current = array_pop($this->outer) ?? new AuditContext();
        return $closed;
    }
}
